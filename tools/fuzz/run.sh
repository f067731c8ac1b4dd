#!/bin/sh
# Run one fuzz target for a fixed time: tools/fuzz/run.sh yaml|jsonld [SECONDS] [extra libFuzzer flags]
# Needs atheris in the venv: .venv/bin/pip install -e '.[fuzz]'
# The working corpus grows in .fuzz/<target>/ (seeded from tools/fuzz/seeds/<target>/);
# a crashing input is saved as .fuzz/<target>/crash-<sha1>, to replay: python tools/fuzz/fuzz_<target>.py FILE
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
target=${1:?usage: tools/fuzz/run.sh yaml|jsonld [SECONDS] [libFuzzer flags]}
seconds=${2:-600}
[ $# -ge 2 ] && shift 2 || shift $#
python=${PYTHON:-$root/.venv/bin/python}
work=$root/.fuzz/$target
mkdir -p "$work/corpus"
cp -n "$here/seeds/$target/"* "$work/corpus/" 2>/dev/null || true
cd "$work"
exec "$python" "$here/fuzz_$target.py" corpus \
    -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
    -dict="$here/$target.dict" -print_final_stats=1 -artifact_prefix="$work/" "$@"
