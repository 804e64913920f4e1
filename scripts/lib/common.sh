# Shared by the scripts: where the project is, and the Maven wrapper.
VIGIL_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export VIGIL_ROOT
MVNW="$VIGIL_ROOT/mvnw"
