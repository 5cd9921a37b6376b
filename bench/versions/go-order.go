// Reference order for Go (not a test): reads `a<TAB>b` lines on stdin, prints golang.org/x/mod/semver's
// Compare (`-` when either is invalid). OSV writes Go versions without the `v`; it is added when missing.
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"golang.org/x/mod/semver"
)

func v(s string) string {
	if strings.HasPrefix(s, "v") {
		return s
	}
	return "v" + s
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		parts := strings.SplitN(in.Text(), "\t", 2)
		a, b := v(parts[0]), v(parts[1])
		if !semver.IsValid(a) || !semver.IsValid(b) {
			fmt.Fprintln(out, "-")
			continue
		}
		fmt.Fprintln(out, semver.Compare(a, b))
	}
}
