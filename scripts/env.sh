# Source this file: puts the project's Node 24 first on PATH.
_dw_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -d "$_dw_root/.tools/node/bin" ] && export PATH="$_dw_root/.tools/node/bin:$PATH"
export PATH="$_dw_root/node_modules/.bin:$_dw_root/bin:$PATH"
