package generator

import (
	"pinzhi/generator/internal/markup"
	"pinzhi/generator/internal/model"
	"pinzhi/generator/internal/source"
)

// DeployTarget reads deploy.to from content/_index.md, the storage URL
// pinzhi deploy publishes to when it is given none, and the line it is
// on. It reads that file alone, so that a deploy of a folder built before
// does not read the whole site. Problems of deploy.to are returned as
// Problems; to is "" when the file names no target.
func DeployTarget(opts Options) (to string, line int, err error) {
	if opts.Src == nil {
		opts.Src = source.DirFS(opts.SrcDir)
	}
	sf := model.LoadFile(opts.Src, model.IndexFile, markup.New(markup.Options{}), markup.DefaultLimits(), nil)
	if errs, _ := sf.Problems.Split(); len(errs) > 0 {
		return "", 0, errs
	}
	if sf.Settings == nil {
		return "", 0, nil
	}
	return sf.Settings.DeployTo, sf.Settings.DeployToLine, nil
}
