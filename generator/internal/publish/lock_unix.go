//go:build unix

package publish

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// lockWait is how often a process waiting for the lock tries again.
const lockWait = 50 * time.Millisecond

// lock takes the output folder's lock file, which names the process that
// holds it. Two builds of one folder wait for each other; a build finding
// the folder held by the preview server, which holds it for its whole
// life, fails at once instead of waiting for ever. The system releases
// the lock when the process ends, however it ends.
func lock(name string, mode Mode, shown string, note func(string)) (unlock func(), err error) {
	if err := refuseForeignLock(name); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(name, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("cannot lock %s: %w", shown, err)
	}
	waited := false
	for {
		err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
		if err == nil {
			break
		}
		if !errors.Is(err, unix.EWOULDBLOCK) {
			f.Close()
			return nil, fmt.Errorf("cannot lock %s: %w", shown, err)
		}
		holder := readHolder(name)
		if holder.mode == Preview {
			f.Close()
			return nil, fmt.Errorf("%s is in use by pinzhi serve (process %s); stop it first, or use another --out", shown, holder.pid)
		}
		if !waited {
			note(fmt.Sprintf("waiting for another pinzhi writing %s (process %s) to finish", shown, holder.pid))
			waited = true
		}
		time.Sleep(lockWait)
	}
	f.Truncate(0)
	f.WriteAt([]byte(fmt.Sprintf("%s%s %d\n", lockHeader, mode, os.Getpid())), 0)
	return func() {
		f.Truncate(0)
		f.Close()
	}, nil
}

const lockHeader = "pinzhi lock "

type holder struct {
	mode Mode
	pid  string
}

func readHolder(name string) holder {
	data, _ := os.ReadFile(name)
	rest, ok := strings.CutPrefix(string(data), lockHeader)
	words := strings.Fields(rest)
	if !ok || len(words) < 2 {
		return holder{pid: "unknown"}
	}
	if _, err := strconv.Atoi(words[1]); err != nil {
		return holder{pid: "unknown"}
	}
	return holder{mode: Mode(words[0]), pid: words[1]}
}

// refuseForeignLock fails when the lock file's name is taken by something
// pinzhi did not write: the lock would write into it.
func refuseForeignLock(name string) error {
	info, err := os.Lstat(name)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%s is in the way of pinzhi's lock file; move it away", name)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return fmt.Errorf("cannot read the lock file %s: %w", name, err)
	}
	if len(data) > 0 && !strings.HasPrefix(string(data), lockHeader) {
		return fmt.Errorf("%s was not written by pinzhi and is where its lock file goes; move it away", name)
	}
	return nil
}
