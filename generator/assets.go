package generator

import "pinzhi/generator/internal/asset"

// assetOutputs are the files of the assets, as a build writes them:
// already minified, under names that change with their content.
func assetOutputs(s asset.Set) []*output {
	outs := make([]*output, 0, len(s))
	for _, name := range s.Names() {
		a := s[name]
		outs = append(outs, &output{path: a.Out, data: a.Data, source: asset.Dir + "/" + name})
		if a.Photo != nil {
			for _, v := range a.Photo.Variants {
				outs = append(outs, &output{path: v.Out, data: v.Data, source: asset.Dir + "/" + name})
			}
		}
	}
	return outs
}
