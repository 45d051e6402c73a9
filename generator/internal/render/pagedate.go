package render

import (
	"time"

	"pinzhi/generator/internal/model"
)

// date is the page's date of publication (see Community.Published).
func (o *Output) date(m *model.Model, r *Reads) time.Time {
	switch {
	case o.Community != nil:
		r.add(DepFront, o.Community.ID)
		return o.Community.Published(m.Site)
	case o.Page != nil:
		r.add(DepFront, o.Page.ID)
		return o.Page.Published(m.Site)
	}
	return m.Site.Published()
}

// updated is when the page last changed: its file's last commit if later
// than its date (see community.Updated); the home page and the lists
// change with the site's file.
func (o *Output) updated(m *model.Model, r *Reads) time.Time {
	switch {
	case o.Community != nil:
		r.add(DepFront, o.Community.ID)
		return o.Community.Updated(m.Site)
	case o.Page != nil:
		r.add(DepFront, o.Page.ID)
		return o.Page.Updated(m.Site)
	}
	return m.Site.Updated()
}
