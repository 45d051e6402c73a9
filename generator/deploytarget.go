package generator

import (
	"strings"

	"pinzhi/generator/internal/markup"
	"pinzhi/generator/internal/model"
	"pinzhi/generator/internal/source"
)

// DeployTarget reads deploy.to from content/_index.md, the storage URL
// pinzhi deploy publishes to when it is given none, and the line it is
// on. It reads that file alone, so that a deploy of a folder built before
// does not read the whole site. Problems of the deploy: group are
// returned as Problems, and no others: the folder deployed was built when
// the rest of the file was right. to is "" when the file names no target.
func DeployTarget(opts Options) (to string, line int, err error) {
	if opts.Src == nil {
		opts.Src = source.DirFS(opts.SrcDir)
	}
	sf := model.LoadFile(opts.Src, model.IndexFile, markup.New(markup.Options{}), markup.DefaultLimits(), nil)
	var errs Problems
	for _, p := range sf.Problems {
		if !p.Warning && strings.HasPrefix(p.Message, "deploy") {
			errs = append(errs, p)
		}
	}
	if len(errs) > 0 {
		return "", 0, errs
	}
	if sf.Settings == nil {
		return "", 0, nil
	}
	return sf.Settings.DeployTo, sf.Settings.DeployToLine, nil
}
