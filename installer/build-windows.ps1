# Build the Windows installer: the bundle (Facilitator.exe + facilitator-cli.exe in one folder)
# in a clean build venv, then the Inno Setup installer dist\Facilitator-VERSION-setup.exe.
# Needs Python 3.11+ (python.org, "py" launcher) and Inno Setup 6 (iscc on PATH or in its
# default folder). Run from the checkout:  powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)
if (-not (Test-Path .venv-bundle\Scripts\python.exe)) {
    py -3 -m venv .venv-bundle
    .venv-bundle\Scripts\python -m pip install --quiet "pyinstaller>=6.10,<7" .
}
.venv-bundle\Scripts\python -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build\pyinstaller installer\facilitator.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }
$iscc = (Get-Command iscc -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
& $iscc installer\facilitator.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Get-ChildItem dist\Facilitator-*-setup.exe
