package render

import "pinzhi/generator/internal/asset"

// AssetOutputs are the files of the assets, as a build writes them:
// already minified, under names that change with their content.
func AssetOutputs(s asset.Set) []*Output {
	outs := make([]*Output, 0, len(s))
	for _, name := range s.Names() {
		a := s[name]
		outs = append(outs, &Output{Path: a.Out, Data: a.Data, Source: asset.Dir + "/" + name})
		if a.Photo != nil {
			for _, v := range a.Photo.Variants {
				outs = append(outs, &Output{Path: v.Out, Data: v.Data, Source: asset.Dir + "/" + name})
			}
		}
	}
	return outs
}
