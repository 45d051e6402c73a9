package layout

import (
	"errors"
	"html/template"
	"text/template/parse"
)

// Layouts are programs, and a layout can loop for ever ({{range
// 1000000000000}}) or call itself without end. text/template cannot be
// stopped from outside, so every layout gets, at the start of each
// template and of each loop's body, an action that asks whether the
// render must stop: {{if pinzhiTick}}{{end}}. It writes nothing; when the
// page has taken longer than its limit, or the build is being stopped, it
// fails, and the failure ends the template's execution.
const TickFunc = "pinzhiTick"

// ErrStopped is what the stop check fails with when the build is being
// stopped, rather than the page being too slow.
var ErrStopped = errors.New("stopped")

// addTicks puts the stop check into every template of t.
func addTicks(t *template.Template, funcs template.FuncMap) error {
	probe, err := template.New("tick").Funcs(funcs).Parse(`{{if ` + TickFunc + `}}{{end}}`)
	if err != nil {
		return err
	}
	tick := probe.Tree.Root.Nodes[0]
	for _, tt := range t.Templates() {
		if tt.Tree != nil && tt.Tree.Root != nil {
			insertTicks(tt.Tree.Root, tick)
		}
	}
	return nil
}

func insertTicks(list *parse.ListNode, tick parse.Node) {
	if list == nil {
		return
	}
	for _, n := range list.Nodes {
		switch n := n.(type) {
		case *parse.RangeNode:
			insertTicks(n.List, tick)
			insertTicks(n.ElseList, tick)
		case *parse.IfNode:
			insertTicks(n.List, tick)
			insertTicks(n.ElseList, tick)
		case *parse.WithNode:
			insertTicks(n.List, tick)
			insertTicks(n.ElseList, tick)
		}
	}
	list.Nodes = append([]parse.Node{tick.Copy()}, list.Nodes...)
}
