package render

import (
	"time"

	"pinzhi/generator/internal/model"
)

// updated is when the page last changed: its file's last commit if later
// than its date (see Community.Updated); the home page and the lists
// change with the site's file.
func (o *Output) updated(m *model.Model, r *Reads) time.Time {
	_, updated := o.dates(m, r)
	return updated
}

// dates returns the page's dates of publication and of last change,
// noting the front matter they come from.
func (o *Output) dates(m *model.Model, r *Reads) (published, updated time.Time) {
	switch {
	case o.Community != nil:
		r.add(DepFront, o.Community.ID)
		return o.Community.Published(m.Site), o.Community.Updated(m.Site)
	case o.Page != nil:
		r.add(DepFront, o.Page.ID)
		return o.Page.Published(m.Site), o.Page.Updated(m.Site)
	}
	return m.Site.Published(), m.Site.Updated()
}
