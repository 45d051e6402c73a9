package devserver

import "sync"

// A message is one Server-Sent Event for the browsers: reload the page,
// swap a stylesheet, show an error, or clear it.
type message struct {
	event string // "reload", "css", "error", "ok" or "hello"
	data  string
}

// hub keeps the set of connected browsers. One goroutine owns the set;
// everything else talks to it over channels, so no lock guards it. A
// browser that does not keep up is dropped rather than allowed to block
// the others: its EventSource reconnects and the page catches up.
type hub struct {
	join      chan chan message
	leave     chan chan message
	broadcast chan message
	done      chan struct{}
	closeOnce sync.Once
	// lastError is what a browser that connects while the build is broken
	// must show at once; it is read and written by the hub's goroutine only.
	lastError string
}

// clientBuffer is how many messages a slow browser may fall behind.
const clientBuffer = 16

func newHub() *hub {
	h := &hub{
		join:      make(chan chan message),
		leave:     make(chan chan message),
		broadcast: make(chan message),
		done:      make(chan struct{}),
	}
	go h.run()
	return h
}

func (h *hub) run() {
	clients := map[chan message]bool{}
	defer func() {
		for c := range clients {
			close(c)
		}
	}()
	for {
		select {
		case c := <-h.join:
			clients[c] = true
			if h.lastError != "" {
				c <- message{"error", h.lastError}
			}
		case c := <-h.leave:
			if clients[c] {
				delete(clients, c)
				close(c)
			}
		case m := <-h.broadcast:
			switch m.event {
			case "error":
				h.lastError = m.data
			case "ok", "reload", "css":
				h.lastError = ""
			}
			for c := range clients {
				select {
				case c <- m:
				default: // too slow: let it reconnect
					delete(clients, c)
					close(c)
				}
			}
		case <-h.done:
			return
		}
	}
}

// subscribe returns the channel of messages for one browser, closed when
// the hub drops it or shuts down; ok is false after shutdown.
func (h *hub) subscribe() (c chan message, ok bool) {
	c = make(chan message, clientBuffer)
	select {
	case h.join <- c:
		return c, true
	case <-h.done:
		return nil, false
	}
}

func (h *hub) unsubscribe(c chan message) {
	select {
	case h.leave <- c:
	case <-h.done:
	}
}

// send delivers a message to every browser.
func (h *hub) send(m message) {
	select {
	case h.broadcast <- m:
	case <-h.done:
	}
}

// close disconnects every browser, ending their event streams, so that
// the HTTP server can shut down.
func (h *hub) close() { h.closeOnce.Do(func() { close(h.done) }) }
