package generator

import (
	"errors"
	"runtime"
	"sync"

	"pinzhi/generator/internal/search"
)

// batchWriter writes the index's files in batches, naming each batch in
// the folder's list before writing it: names are known only as files are
// made, and a file is never written before the list names it. A batch is
// written while Encode makes the next.
type batchWriter struct {
	w       searchWriter
	files   []search.File
	bytes   int
	written []string
	recycle func([]byte)
	busy    chan error // the batch being written, if one is
}

const searchBatchBytes = 16 << 20

func (b *batchWriter) write(f search.File) error {
	b.files = append(b.files, f)
	b.bytes += len(f.Data)
	if b.bytes < searchBatchBytes {
		return nil
	}
	if err := b.wait(); err != nil {
		return err
	}
	files := b.files
	b.files, b.bytes = nil, 0
	b.busy = make(chan error, 1)
	go func() { b.busy <- b.writeBatch(files) }()
	return nil
}

// flush writes the files left and returns once every batch is written.
func (b *batchWriter) flush() error {
	if err := b.wait(); err != nil {
		return err
	}
	err := b.writeBatch(b.files)
	b.files, b.bytes = nil, 0
	return err
}

// wait returns once the batch being written, if any, is.
func (b *batchWriter) wait() error {
	if b.busy == nil {
		return nil
	}
	err := <-b.busy
	b.busy = nil
	return err
}

func (b *batchWriter) writeBatch(files []search.File) error {
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = searchDir + f.Name
	}
	if err := b.w.Add(paths); err != nil {
		return err
	}
	// Writing waits on the disk as much as on the processor: two a core.
	errs := make([]error, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range 2 * runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				_, errs[i] = b.w.Write(paths[i], files[i].Data)
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for _, f := range files {
		b.recycle(f.Data)
	}
	b.written = append(b.written, paths...)
	return nil
}
