#!/usr/bin/env bash
# Shows that the binary-compatibility check of connector-api fails the build when a public method is removed.
#
# It copies connector-api (and the parent pom) to a temporary folder, removes HttpResult.isTransientFailure()
# from the copy, runs `mvn verify` there and expects japicmp to fail the build with METHOD_REMOVED. The working
# tree is never touched. Exit status 0 means the check works. Extra arguments go to Maven (for example -o).
#
#   connector-api/src/compat/removing-a-method-breaks-the-build.sh -o
set -euo pipefail

module=$(cd "$(dirname "$0")/../.." && pwd)
root=$(dirname "$module")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp "$root/pom.xml" "$work/pom.xml"
mkdir "$work/connector-api"
cp -R "$module/pom.xml" "$module/src" "$work/connector-api/"

source_file="$work/connector-api/src/main/java/io/switchboard/connector/HttpResult.java"
perl -0pi -e 's/\n    \/\*\* Whether a later attempt may succeed[^\n]*\n    public boolean isTransientFailure\(\) \{.*?\n    \}\n//s' "$source_file"
if grep -q 'isTransientFailure' "$source_file"; then
    echo "could not remove HttpResult.isTransientFailure() from the copy" >&2
    exit 2
fi
echo "Removed HttpResult.isTransientFailure() from a copy of connector-api in $work; running mvn verify there."

log="$work/build.log"
if (cd "$work/connector-api" && mvn -B -DskipTests "$@" verify >"$log" 2>&1); then
    echo "UNEXPECTED: the build passed although a public method was removed" >&2
    tail -n 40 "$log" >&2
    exit 1
fi
if ! grep -q 'METHOD_REMOVED' "$log"; then
    echo "UNEXPECTED: the build failed, but not because of the compatibility check" >&2
    tail -n 40 "$log" >&2
    exit 1
fi
echo "As expected, the compatibility check failed the build:"
grep -E 'BUILD FAILURE|incompatibilit' "$log" | sed 's/^/    /' | head -n 10
