package generator

import "pinzhi/generator/internal/render"

// The layouts' data, as the package documentation describes it: what a
// layout's "." is, and what it reaches. They are render's; the names
// stand here so that the spec can name them.
type (
	PageData   = render.PageData
	Site       = render.Site
	District   = render.District
	Community  = render.Community
	BrandList  = render.BrandList
	Brand      = render.Brand
	PlainPage  = render.PlainPage
	Model      = render.Model
	SearchData = render.SearchData
)
