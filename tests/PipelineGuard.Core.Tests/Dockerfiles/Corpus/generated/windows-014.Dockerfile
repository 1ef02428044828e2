# escape=`
FROM mcr.microsoft.com/dotnet/framework/sdk:4.8
SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
RUN Invoke-WebRequest https://example.com/tool.zip -OutFile tool.zip ; `
    Expand-Archive tool.zip -DestinationPath C:\tool ; `
    Remove-Item tool.zip
WORKDIR C:\app
COPY . C:\app\
RUN cd C:\app ; dir | Select-Object Name
ENTRYPOINT ["C:\\tool\\tool.exe"]
