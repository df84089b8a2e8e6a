# FedAvg.Functions — every entry point a user or CI needs.
#   make run    the recommended recipe end to end on the local durable host (Azurite + real CIFAR-10)
#   make test   restore, install Azurite, build, run every test, compile and lint the Bicep
#   make image  the local-host container image (fedavg serve + Azurite); make test-container tests it
SHELL := /bin/bash
.DEFAULT_GOAL := help

DOTNET ?= dotnet
CONFIG ?= Release
# The real CIFAR-10 beside the repository (as CI and these machines have it), when present.
DATA ?= $(wildcard ../shared/data/cifar-10-batches-bin)
# Tests schedule many activities at once on the in-memory engine; it caps concurrency at the CPU count.
export DOTNET_PROCESSOR_COUNT ?= 16
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1

FEDAVG := src/LocalHost/bin/$(CONFIG)/net10.0/fedavg

# The local-host image (src/LocalHost/Dockerfile). CONTAINER is the engine command with any global
# flags (podman, else docker); BASE_IMAGE overrides the official ASP.NET Core runtime base.
IMAGE ?= fedavg-local

.PHONY: help setup tools build test run infra bench notebook clean image test-container

help:
	@echo "make run     train the recommended recipe locally (DATA=dir to use a local CIFAR-10 folder, ARGS=\"--preset reference\" for the reference experiment)"
	@echo "make test    build and run every test"
	@echo "make bench   full benchmarks on the real data (long; writes bench/results)"
	@echo "make infra   compile and lint infra/main.bicep"
	@echo "make image   the local-host container image ($(IMAGE)); make test-container builds and runs it with podman"
	@echo "make notebook  run notebooks/fedavg.ipynb on the full data and save its outputs into it"
	@echo "(make test also publishes the Functions app and proves its TorchSharp native library loads)"

node_modules/.bin/azurite: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

tools: node_modules/.bin/azurite

# The dashboard's browser test drives Debian's chromium (Playwright's own browser download cannot run here).
setup: tools
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)
	$(DOTNET) restore FedAvg.Functions.sln

build: setup
	$(DOTNET) build FedAvg.Functions.sln -c $(CONFIG) --no-restore

infra:
	bash infra/build.sh

test: build infra
	bash scripts/run-tests.sh $(CONFIG)
	bash scripts/check-publish.sh

# Builds only the CLI. DATA=dir names a CIFAR-10 folder (else FEDAVG_DATA, ./data, or a download);
# ARGS="--rounds 2 ..." adds fedavg train options (ARGS="--preset reference": the reference experiment).
# DOTNET_PROCESSOR_COUNT is the tests' setting, not this machine's core count, so training must not see it.
run: tools
	$(DOTNET) build src/LocalHost/FedAvg.LocalHost.csproj -c $(CONFIG)
	env -u DOTNET_PROCESSOR_COUNT $(FEDAVG) train $(if $(DATA),--data $(DATA),) $(ARGS)

# Long: every bench configuration end to end through the local durable engine on the full data (reference and
# default about an hour on 2 cores, the 100-round scale ones hours more; ARGS="--config reference,default" for
# the first two), predict latency under load (wrk), then the micro-benchmarks.
# Results go to bench/results.
bench: build
	env -u DOTNET_PROCESSOR_COUNT $(FEDAVG) bench $(if $(DATA),--data $(DATA),) $(ARGS)
	DATA=$(DATA) bash scripts/bench-predict.sh
	cd tests/Benchmarks && env -u DOTNET_PROCESSOR_COUNT $(DOTNET) run -c $(CONFIG) --no-build -- --filter '*' --artifacts ../../bench/results/micro

image: tools
	IMAGE=$(IMAGE) bash scripts/build-image.sh

# Installs podman, runc and debootstrap if missing, builds the image on a debootstrap stand-in for the
# official base (cached in .container/), and trains, polls and predicts against a container of it.
test-container: tools
	DATA=$(DATA) bash scripts/test-container.sh

# Executes every cell of notebooks/fedavg.ipynb on the full data (DATA=dir, else FEDAVG_DATA, ./data or a
# download) and writes the outputs into it, through the same in-process kernel the notebook test uses. The
# notebook loads src/LocalHost/bin/Release, so that is what is built, whatever CONFIG says. FEDAVG_NOTEBOOK_*
# variables (rounds, epochs, limits) pass through.
notebook: tools
	$(DOTNET) build src/LocalHost/FedAvg.LocalHost.csproj -c Release
	$(DOTNET) build notebooks/Runner/FedAvg.NotebookRunner.csproj -c Release
	env -u DOTNET_PROCESSOR_COUNT $(if $(DATA),FEDAVG_DATA=$(abspath $(DATA)),) \
		notebooks/Runner/bin/Release/net10.0/fedavg-notebook notebooks/fedavg.ipynb --write --verbose

clean:
	$(DOTNET) clean FedAvg.Functions.sln -c $(CONFIG)
