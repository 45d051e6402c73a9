package render

import (
	"time"

	"pinzhi/generator/internal/model"
)

// date is the page's date (see community.date), else the site's.
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
