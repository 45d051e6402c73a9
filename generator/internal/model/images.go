package model

import (
	"pinzhi/generator/internal/asset"
	"pinzhi/generator/internal/source"
)

// An imageRef is a share image named in front matter: a file in assets/.
type ImageRef struct {
	Name string // under assets/: "share.jpg"
	File string // the content file naming it
	Line int
}

// readImage reads the image: field of a front matter.
func readImage(r *source.Reader, file string) ImageRef {
	return readImageKey(r, file, "image")
}

// readImageKey reads a field naming a file of assets/.
func readImageKey(r *source.Reader, file, key string) ImageRef {
	name, line, _ := r.Text(key)
	return ImageRef{Name: asset.Name(name), File: file, Line: line}
}

// CheckImages reports share images that assets/ does not have, or that
// are not pictures a share card can show.
func CheckImages(m *Model, assets asset.Set, probs *source.List) {
	refs := []ImageRef{m.Site.Image}
	if p := m.Site.Publisher; p != nil {
		refs = append(refs, p.Logo)
	}
	for _, c := range m.Communities {
		refs = append(refs, c.Image)
	}
	for _, p := range m.Pages {
		refs = append(refs, p.Image)
	}
	for _, ref := range refs {
		a := assets[ref.Name]
		switch {
		case ref.Name == "":
		case a == nil:
			probs.Add(ref.File, ref.Line, "put the picture in assets/, or write there the name of one that is",
				"image %q is not a file in assets/", ref.Name)
		case a.Photo == nil:
			probs.Add(ref.File, ref.Line, "give a JPEG or PNG: share cards show no other kind of picture",
				"image %q is not a JPEG or PNG", ref.Name)
		}
	}
}
