package devserver

import (
	"bytes"
	_ "embed"
)

//go:embed reload.js
var reloadScript []byte

// The paths the dev server answers itself, outside any site's base path.
const (
	ownPrefix  = "/__pinzhi/"
	eventsPath = ownPrefix + "events"
	scriptPath = ownPrefix + "reload.js"
)

// scriptTag is the script element for a page served as of build stamp.
func scriptTag(stamp string) []byte {
	return []byte(`<script src="` + scriptPath + `" data-build="` + stamp + `"></script>`)
}

// injectReload puts the reload script into an HTML page: before its last
// </body>, or at its end when it has none. Files on disk never get it.
// stamp names the build the page is of; a page whose stamp is not the
// server's when its event stream connects missed a change, and reloads.
func injectReload(page []byte, stamp string) []byte {
	scriptTag := scriptTag(stamp)
	out := make([]byte, 0, len(page)+len(scriptTag))
	i := bytes.LastIndex(bytes.ToLower(page), []byte("</body>"))
	if i < 0 {
		return append(append(out, page...), scriptTag...)
	}
	out = append(out, page[:i]...)
	out = append(out, scriptTag...)
	return append(out, page[i:]...)
}
