package generator

import (
	"pinzhi/generator/internal/model"
	"pinzhi/generator/internal/source"
)

// DeployTarget reads deploy.to from content/_index.md, the storage URL
// pinzhi deploy publishes to when it is given none, and the line it is
// on. It reads that file alone, and of it the deploy: group alone: a
// deploy of a folder built before needs nothing else. The errors of
// reading the file and of that group are returned as Problems; to is ""
// when the file names no target.
func DeployTarget(opts Options) (to string, line int, err error) {
	if opts.Src == nil {
		opts.Src = source.DirFS(opts.SrcDir)
	}
	to, line, problems := model.ReadDeployTarget(opts.Src)
	if errs, _ := problems.Split(); len(errs) > 0 {
		return "", 0, errs
	}
	return to, line, nil
}
