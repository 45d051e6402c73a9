package devserver

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// keepAlive is how often an idle event stream sends a comment, so that a
// dead connection is noticed and dropped.
const keepAlive = 20 * time.Second

// events streams the hub's messages to one browser as Server-Sent Events.
// The first, "hello", carries the stamp of the build being served: a page
// stamped otherwise was served before a change it did not hear of (or by a
// server since restarted), and reloads.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	if !s.streams.open() {
		http.Error(w, "too many pages of the preview are open; close some", http.StatusServiceUnavailable)
		return
	}
	defer s.streams.close()
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	c, ok := s.hub.subscribe()
	if !ok {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	defer s.hub.unsubscribe(c)
	fmt.Fprintf(w, "retry: 500\n")
	writeEvent(w, message{"hello", s.stamp()})
	rc.Flush()
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case m, open := <-c:
			if !open {
				return
			}
			writeEvent(w, m)
		case <-tick.C:
			fmt.Fprint(w, ": keep-alive\n\n")
		case <-r.Context().Done():
			return
		}
		// A browser that stops reading is dropped, not waited for.
		rc.SetWriteDeadline(time.Now().Add(keepAlive + writeTimeout))
		if rc.Flush() != nil {
			return
		}
	}
}

// writeEvent writes one event; data of several lines takes a data: field
// a line, as the format wants. A line ends at CR, LF or CRLF, as an
// EventSource reads the stream: data split on LF alone would let a CR in
// a file name end the data: field and start a field of its own choosing
// ("x\revent: reload\r\r.md" made an error a reload).
func writeEvent(w http.ResponseWriter, m message) {
	fmt.Fprintf(w, "event: %s\n", m.event)
	for _, line := range eventLines(m.data) {
		fmt.Fprintf(w, "data: %s\n", line)
	}
	fmt.Fprint(w, "\n")
}

// eventLines splits data at every CR, LF and CRLF.
func eventLines(data string) []string {
	data = strings.ReplaceAll(data, "\r\n", "\n")
	return strings.Split(strings.ReplaceAll(data, "\r", "\n"), "\n")
}
