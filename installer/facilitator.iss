; Inno Setup script: packs the PyInstaller folder dist\Facilitator into a per-user installer
; (no admin rights): Start-menu entry, optional desktop shortcut, uninstaller.
; Build on Windows with installer\build-windows.ps1, or by hand:
;   pyinstaller --noconfirm --distpath dist --workpath build\pyinstaller installer\facilitator.spec
;   iscc installer\facilitator.iss
; The version is read from Facilitator.exe, which the spec stamps with pyproject's version
; (or pass /DAppVersion=X.Y.Z to iscc).
#define AppExe "Facilitator.exe"
#define BundleDir AddBackslash(SourcePath) + "..\dist\Facilitator"
#ifndef AppVersion
  #define AppVersion GetStringFileInfo(BundleDir + "\" + AppExe, "ProductVersion")
#endif

[Setup]
AppId={{3AB20A74-A6FF-4752-AF43-9ADCB758C257}
AppName=Facilitator
AppVersion={#AppVersion}
AppVerName=Facilitator {#AppVersion}
AppPublisher=Facilitator project
; Per user: with lowest privileges {autopf} is %LOCALAPPDATA%\Programs.
PrivilegesRequired=lowest
DefaultDirName={autopf}\Facilitator
DefaultGroupName=Facilitator
DisableProgramGroupPage=yes
OutputDir=..\dist
OutputBaseFilename=Facilitator-{#AppVersion}-setup
SetupIconFile=..\resources\icons\facilitator.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName=Facilitator {#AppVersion}
VersionInfoVersion={#AppVersion}
VersionInfoProductName=Facilitator
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked

[Files]
; Both programs and their shared _internal folder: Facilitator.exe (the app, windowed) and
; facilitator-cli.exe (the terminal subcommands, a console program).
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Facilitator"; Filename: "{app}\{#AppExe}"
Name: "{group}\Uninstall Facilitator"; Filename: "{uninstallexe}"
Name: "{userdesktop}\Facilitator"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "Start Facilitator"; Flags: nowait postinstall skipifsilent
