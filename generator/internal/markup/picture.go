package markup

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// kindPicture is the node that takes an image's place when the caller
// shows it as a <picture> (see Options.Picture).
var kindPicture = ast.NewNodeKind("Picture")

type pictureNode struct {
	ast.BaseInline
	html string     // made by the caller, escaped there
	img  *ast.Image // what it replaces, for reports on the image
}

func (n *pictureNode) Kind() ast.NodeKind { return kindPicture }

func (n *pictureNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"HTML": n.html}, nil)
}

// pictureRenderer writes a picture node's HTML as it is.
type pictureRenderer struct{}

func (pictureRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindPicture, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, err := w.WriteString(n.(*pictureNode).html)
			return ast.WalkSkipChildren, err
		}
		return ast.WalkContinue, nil
	})
}
