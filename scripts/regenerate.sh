#!/usr/bin/env bash
# Rewrites the files generated from the code: JSON Schemas, the model reference in
# docs/model.md and the demo school. Review the diff before committing it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/build.sh build >/dev/null
build/cli/interop-gen schemas schemas/canonical/v1
build/cli/interop-gen model-doc docs/model.md
build/generator/interop-generate examples/demo-school/demo-school.json
git status --short schemas docs/model.md examples/demo-school
