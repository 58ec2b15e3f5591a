; Inno Setup script for Windows: packs the PyInstaller folder (dist\Facilitator) into an
; installer. Build the folder on Windows first: pyinstaller installer\facilitator.spec
[Setup]
AppName=Facilitator
AppVersion=0.1.0
AppPublisher=Facilitator project
DefaultDirName={autopf}\Facilitator
DefaultGroupName=Facilitator
OutputBaseFilename=Facilitator-0.1.0-setup
Compression=lzma2
SolidCompression=yes
PrivilegesRequired=lowest

[Files]
Source: "..\dist\Facilitator\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Facilitator"; Filename: "{app}\Facilitator.exe"
Name: "{userdesktop}\Facilitator"; Filename: "{app}\Facilitator.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked
