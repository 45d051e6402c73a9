package model

import (
	"pinzhi/generator/internal/asset"
	"pinzhi/generator/internal/source"
)

// readPhoto reads a photo: group of front matter.
func readPhoto(r *source.Reader, file string) *Photo {
	p := r.Mapping("photo", source.M("write photo: on a line of its own, then indented lines src: followed by the picture's file name in assets/, caption: and credit:"))
	if p == nil {
		return nil
	}
	ph := &Photo{SrcRef: readImageKey(p, file, "src")}
	ph.Src = ph.SrcRef.Name
	caption, line, _ := p.Text("caption")
	credit, creditLine, _ := p.Text("credit")
	ph.Caption, ph.Credit = caption, credit
	if ph.Src == "" && (caption != "" || credit != "") {
		// A caption under no picture reads as if the picture were lost.
		p.Warn(max(line, creditLine), "put the picture in assets/ and write its file name after src:; the caption is left out until then",
			"photo has a caption but no src")
	}
	p.WarnUnknown()
	return ph
}

// CheckPhotos reports photos whose src is not a picture of assets/.
func CheckPhotos(m *Model, assets asset.Set, probs *source.List) {
	photos := []*Photo{m.Site.Photo}
	for _, c := range m.Communities {
		photos = append(photos, c.Photo)
	}
	for _, ph := range photos {
		if ph == nil || ph.Src == "" {
			continue
		}
		if a := assets[ph.Src]; a == nil || a.Photo == nil {
			probs.Add(ph.SrcRef.File, ph.SrcRef.Line, "put the JPEG or PNG in assets/ and write its file name after src:",
				"photo %q is not a JPEG or PNG in assets/", ph.Src)
		}
	}
}
