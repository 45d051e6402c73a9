package generator

import (
	"pinzhi/generator/internal/asset"
	"pinzhi/generator/internal/layout"
	"pinzhi/generator/internal/model"
	"pinzhi/generator/internal/publish"
)

// Hold opens the output folder and keeps it, with its lock, until Close:
// pinzhi serve holds its folder for its whole life, so that no build
// writes it meanwhile.
func (b *Builder) Hold() error {
	if err := b.open(); err != nil {
		return err
	}
	b.held = true
	return nil
}

// Close releases the output folder held since Hold.
func (b *Builder) Close() {
	b.held = false
	b.release()
}

func (b *Builder) open() error {
	if b.folder != nil {
		return nil
	}
	opts := publish.Options{Out: b.opts.Out, Mode: publish.Build, Note: b.opts.Note}
	switch {
	case b.opts.Preview:
		opts.Mode = publish.Preview
	case b.opts.Drafts:
		opts.Mode = publish.Drafts
	}
	if b.opts.SrcDir != "" {
		opts.Site = b.opts.SrcDir
		for _, d := range []string{model.ContentDir, layout.Dir, asset.Dir} {
			opts.Sources = append(opts.Sources, b.opts.SrcDir+"/"+d)
		}
	}
	f, err := publish.Open(opts)
	if err != nil {
		return err
	}
	b.folder = f
	return nil
}

// release closes the output folder unless it is held.
func (b *Builder) release() {
	if b.folder != nil && !b.held {
		b.folder.Close()
		b.folder = nil
	}
}
