package publish

// A Sink is one set of changes to an output folder, published all at
// once or not at all. A build writes the whole site through a Stage
// (beside the folder, swapped in by Commit); an update writes the files
// that changed through a Tx (in the live folder, each renamed into place,
// put back by Abort). The generator writes through either alike.
//
// Add, Write, WriteFrom and Remove are safe for concurrent use until
// Commit or Abort, which wait for those in progress; after them, every
// method but Abort fails.
type Sink interface {
	// Add lets Write add files the Sink was not told of when it began:
	// the folder's list names them from now on, so that a process killed
	// in the middle leaves nothing that is not on it.
	Add(files []string) error
	// Write gives a file its bytes; changed is false when the file had
	// them already (it is then left alone, its time too).
	Write(rel string, data []byte) (changed bool, err error)
	// WriteFrom is Write for a file too large to hold twice: fill writes
	// its bytes straight to a temporary file.
	WriteFrom(rel string, fill Fill) (changed bool, err error)
	// Remove takes a file out of the site.
	Remove(rel string) error
	// Commit publishes every change and returns the files removed.
	Commit() (removed []string, err error)
	// Abort leaves the output folder as it was before the Sink began.
	Abort() error
}

var (
	_ Sink = (*Stage)(nil)
	_ Sink = (*Tx)(nil)
)
