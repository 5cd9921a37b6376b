# Reference order for PyPI (not a test): reads `a<TAB>b` lines, prints the sign from packaging 21.3 (as
# vendored by pip 23: Version, or LegacyVersion when not PEP 440) and from the installed packaging
# (PEP 440 only, `-` when either is not PEP 440).
import sys
from pip._vendor.packaging.version import parse as parse21, LegacyVersion
from packaging.version import Version as V26, InvalidVersion
def sign(a, b): return (a > b) - (a < b)
out = sys.stdout
for line in open(sys.argv[1], encoding='utf-8'):
    line = line.rstrip('\n')
    if not line: continue
    a, b = line.split('\t')
    r21 = sign(parse21(a), parse21(b))
    try:
        r26 = str(sign(V26(a), V26(b)))
    except InvalidVersion:
        r26 = '-'
    out.write(f'{r21}\t{r26}\n')
