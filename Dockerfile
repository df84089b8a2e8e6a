# Container image of the Functions app (src/Orchestrator, .NET 10 isolated worker).
#   docker build -t fedavg-functions .
#   docker run -p 8080:80 -e AzureWebJobsStorage__accountName=<account> ... fedavg-functions
# See docs/deploy.md. The publish runs inside the build stage so that the repository's build
# (Directory.Build.props -> build/TorchSharpGlibcxx.targets) patches TorchSharp's native library for
# the base image's libstdc++ exactly as it does on a developer machine; scripts/check-publish.sh
# proves that patched output loads.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
WORKDIR /src
# Build-wide settings first: SDK pin, analyzers, central package versions, the TorchSharp fix.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY build/ build/
COPY src/ src/
RUN dotnet publish src/Orchestrator/FedAvg.Orchestrator.csproj -c Release -o /home/site/wwwroot \
 && test -f /home/site/wwwroot/FedAvg.Orchestrator.dll

FROM mcr.microsoft.com/azure-functions/dotnet-isolated:4-dotnet-isolated10.0
ENV AzureWebJobsScriptRoot=/home/site/wwwroot \
    AzureFunctionsJobHost__Logging__Console__IsEnabled=true
COPY --from=build /home/site/wwwroot /home/site/wwwroot
# The Functions host listens on port 80 in this image.
EXPOSE 80
