# Build the Windows installer: the bundle (Facilitator.exe + facilitator-cli.exe in one folder)
# in a clean build venv, then the Inno Setup installer dist\Facilitator-VERSION-setup.exe.
# Needs Python 3.11+ (python.org, "py" launcher) and Inno Setup 6 (iscc on PATH or in its
# default folder). Run from the checkout:  powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)
# The build venv holds only the runtime dependencies and PyInstaller; it is made again when
# pyproject.toml changes (as build.sh does on Linux and macOS).
$want = (Get-FileHash pyproject.toml -Algorithm SHA256).Hash
$have = if (Test-Path .venv-bundle\.installed) { Get-Content .venv-bundle\.installed } else { "" }
if ($want -ne $have) {
    if (Test-Path .venv-bundle) { Remove-Item -Recurse -Force .venv-bundle }
    py -3 -m venv .venv-bundle
    .venv-bundle\Scripts\python -m pip install --quiet "pyinstaller>=6.10,<7" .
    if ($LASTEXITCODE -ne 0) { throw "pip install failed" }
    Set-Content .venv-bundle\.installed $want
}
.venv-bundle\Scripts\python -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build\pyinstaller installer\facilitator.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }
$iscc = (Get-Command iscc -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
& $iscc installer\facilitator.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Get-ChildItem dist\Facilitator-*-setup.exe
