using System.Text.Json.Nodes;
using static FedAvg.Infra.Tests.TemplateRules;

namespace FedAvg.Infra.Tests;

/// <summary>
/// Each rule must be able to fail: a copy of the compiled template is weakened the way a careless
/// edit of main.bicep would weaken it, and the rule that guards that property must report it.
/// </summary>
public class RuleMutationTests
{
    private sealed record Mutation(string Rule, Action<ArmTemplate> Apply);

    private static JsonObject Props(ArmTemplate t, string type) => (JsonObject)t.Single(type)["properties"]!;

    private static JsonObject SiteConfig(ArmTemplate t) => (JsonObject)Props(t, SiteType)["siteConfig"]!;

    private static JsonObject FlexConfig(ArmTemplate t) => (JsonObject)Props(t, SiteType)["functionAppConfig"]!;

    private static JsonArray Settings(ArmTemplate t) => (JsonArray)SiteConfig(t)["appSettings"]!;

    private static void RemoveSetting(ArmTemplate t, string name)
    {
        var settings = Settings(t);
        settings.Remove(settings.Single(s => ArmTemplate.Str(s!["name"]) == name));
    }

    private static void SetSetting(ArmTemplate t, string name, string value)
        => Settings(t).Single(s => ArmTemplate.Str(s!["name"]) == name)!["value"] = value;

    private static JsonObject RoleFor(ArmTemplate t, string roleId)
        => t.OfType(RoleAssignmentType).Single(r => (ArmTemplate.Str(r["properties"]!["roleDefinitionId"]) ?? "").Contains(roleId, StringComparison.Ordinal));

    private static void RemoveResource(ArmTemplate t, JsonObject resource)
    {
        switch (t.Root["resources"])
        {
            case JsonArray array:
                array.Remove(resource);
                break;
            case JsonObject symbolic:
                symbolic.Remove(symbolic.Single(p => ReferenceEquals(p.Value, resource)).Key);
                break;
        }
    }

    private static JsonObject Container(ArmTemplate t, string name)
        => t.OfType(ContainerType).Single(c => t.LastNameSegment(c) == name);

    private const string KeyConnectionString =
        "[format('DefaultEndpointsProtocol=https;AccountName={0};AccountKey={1}', variables('storageAccountName'), listKeys(resourceId('Microsoft.Storage/storageAccounts', variables('storageAccountName')), '2025-01-01').keys[0].value)]";

    private static readonly Dictionary<string, Mutation> Mutations = new()
    {
        ["storage shared keys allowed"] = new(nameof(StorageIsIdentityOnlyAndHardened), t => Props(t, StorageAccountType)["allowSharedKeyAccess"] = true),
        ["storage shared keys left to Azure's default"] = new(nameof(StorageIsIdentityOnlyAndHardened), t => Props(t, StorageAccountType).Remove("allowSharedKeyAccess")),
        ["storage TLS 1.0"] = new(nameof(StorageIsIdentityOnlyAndHardened), t => Props(t, StorageAccountType)["minimumTlsVersion"] = "TLS1_0"),
        ["storage public blobs"] = new(nameof(StorageIsIdentityOnlyAndHardened), t => Props(t, StorageAccountType)["allowBlobPublicAccess"] = true),
        ["storage plain HTTP"] = new(nameof(StorageIsIdentityOnlyAndHardened), t => Props(t, StorageAccountType)["supportsHttpsTrafficOnly"] = false),
        ["storage portal defaults to keys"] = new(nameof(StorageIsIdentityOnlyAndHardened), t => Props(t, StorageAccountType)["defaultToOAuthAuthentication"] = false),
        ["app serves HTTP"] = new(nameof(FunctionAppIsHttpsOnlyWithSystemIdentity), t => Props(t, SiteType)["httpsOnly"] = false),
        ["app without identity"] = new(nameof(FunctionAppIsHttpsOnlyWithSystemIdentity), t => t.Single(SiteType)["identity"] = new JsonObject { ["type"] = "None" }),
        ["app on Windows"] = new(nameof(FunctionAppIsHttpsOnlyWithSystemIdentity), t => t.Single(SiteType)["kind"] = "functionapp"),
        ["app TLS 1.0"] = new(nameof(FunctionAppIsHttpsOnlyWithSystemIdentity), t => SiteConfig(t)["minTlsVersion"] = "1.0"),
        ["app FTP allowed"] = new(nameof(FunctionAppIsHttpsOnlyWithSystemIdentity), t => SiteConfig(t)["ftpsState"] = "AllAllowed"),
        ["plan is classic Consumption"] = new(nameof(PlanIsFlexConsumption), t => t.Single(PlanType)["sku"] = new JsonObject { ["name"] = "Y1", ["tier"] = "Dynamic" }),
        ["plan is Windows"] = new(nameof(PlanIsFlexConsumption), t => Props(t, PlanType)["reserved"] = false),
        ["runtime .NET 8"] = new(nameof(FlexConfigRunsDotnetIsolated10), t => FlexConfig(t)["runtime"]!["version"] = "8.0"),
        ["runtime in-process"] = new(nameof(FlexConfigRunsDotnetIsolated10), t => FlexConfig(t)["runtime"]!["name"] = "dotnet"),
        ["deployment with a connection string"] = new(nameof(FlexConfigRunsDotnetIsolated10), t => FlexConfig(t)["deployment"]!["storage"]!["authentication"] = new JsonObject { ["type"] = "StorageAccountConnectionString", ["storageAccountConnectionStringName"] = "DEPLOYMENT_STORAGE_CONNECTION_STRING" }),
        ["deployment to a container not in the template"] = new(nameof(FlexConfigRunsDotnetIsolated10), t => FlexConfig(t)["deployment"]!["storage"]!["value"] = "[format('{0}{1}', reference(resourceId('Microsoft.Storage/storageAccounts', variables('storageAccountName')), '2025-01-01').primaryEndpoints.blob, 'elsewhere')]"),
        ["instances of 2 GB"] = new(nameof(FlexConfigRunsDotnetIsolated10), t => t.Root["parameters"]!["instanceMemoryMB"]!["defaultValue"] = 2048),
        ["no flex config"] = new(nameof(FlexConfigRunsDotnetIsolated10), t => Props(t, SiteType).Remove("functionAppConfig")),
        ["AzureWebJobsStorage connection string"] = new(nameof(AppSettingsUseIdentityConnectionsOnly), t => Settings(t).Add(new JsonObject { ["name"] = "AzureWebJobsStorage", ["value"] = KeyConnectionString })),
        ["account key in FedAvgStorage"] = new(nameof(AppSettingsUseIdentityConnectionsOnly), t => SetSetting(t, "FedAvgStorage__blobServiceUri", "[listKeys(resourceId('Microsoft.Storage/storageAccounts', variables('storageAccountName')), '2025-01-01').keys[0].value]")),
        ["literal AccountKey"] = new(nameof(AppSettingsUseIdentityConnectionsOnly), t => SetSetting(t, "FedAvgStorage__blobServiceUri", "AccountName=x;AccountKey=abc")),
        ["no AzureWebJobsStorage__accountName"] = new(nameof(AppSettingsUseIdentityConnectionsOnly), t => RemoveSetting(t, "AzureWebJobsStorage__accountName")),
        ["no AzureWebJobsStorage__credential"] = new(nameof(AppSettingsUseIdentityConnectionsOnly), t => RemoveSetting(t, "AzureWebJobsStorage__credential")),
        ["credential is not the managed identity"] = new(nameof(AppSettingsUseIdentityConnectionsOnly), t => SetSetting(t, "AzureWebJobsStorage__credential", "clientsecret")),
        ["no queue service URI"] = new(nameof(AppSettingsUseIdentityConnectionsOnly), t => RemoveSetting(t, "AzureWebJobsStorage__queueServiceUri")),
        ["no FedAvgStorage__blobServiceUri"] = new(nameof(AppSettingsUseIdentityConnectionsOnly), t => RemoveSetting(t, "FedAvgStorage__blobServiceUri")),
        ["FUNCTIONS_WORKER_RUNTIME on Flex"] = new(nameof(AppSettingsUseIdentityConnectionsOnly), t => Settings(t).Add(new JsonObject { ["name"] = "FUNCTIONS_WORKER_RUNTIME", ["value"] = "dotnet-isolated" })),
        ["listKeys in an output"] = new(nameof(TemplateContainsNoKeys), t => t.Root["outputs"]!["key"] = new JsonObject { ["type"] = "string", ["value"] = KeyConnectionString }),
        ["blob owner downgraded to contributor"] = new(nameof(AppHasStorageDataRoles), t => RoleFor(t, StorageBlobDataOwner)["properties"]!["roleDefinitionId"] = "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')]"),
        ["no queue role"] = new(nameof(AppHasStorageDataRoles), t => RemoveResource(t, RoleFor(t, StorageQueueDataContributor))),
        ["no table role"] = new(nameof(AppHasStorageDataRoles), t => RemoveResource(t, RoleFor(t, StorageTableDataContributor))),
        ["blob role to another principal"] = new(nameof(AppHasStorageDataRoles), t => RoleFor(t, StorageBlobDataOwner)["properties"]!["principalId"] = "[parameters('somebodyElse')]"),
        ["queue role on the resource group"] = new(nameof(AppHasStorageDataRoles), t => RoleFor(t, StorageQueueDataContributor).Remove("scope")),
        ["table role with a random name"] = new(nameof(AppHasStorageDataRoles), t => RoleFor(t, StorageTableDataContributor)["name"] = "[newGuid()]"),
        ["no metrics publisher role"] = new(nameof(AppCanPublishTelemetry), t => RemoveResource(t, RoleFor(t, MonitoringMetricsPublisher))),
        ["classic Application Insights"] = new(nameof(AppCanPublishTelemetry), t => Props(t, AppInsightsType).Remove("WorkspaceResourceId")),
        ["telemetry with the instrumentation key"] = new(nameof(AppCanPublishTelemetry), t => RemoveSetting(t, "APPLICATIONINSIGHTS_AUTHENTICATION_STRING")),
        ["no models container"] = new(nameof(ContainersExistAndArePrivate), t => RemoveResource(t, Container(t, "models"))),
        ["no data container"] = new(nameof(ContainersExistAndArePrivate), t => RemoveResource(t, Container(t, "data"))),
        ["no runs container"] = new(nameof(ContainersExistAndArePrivate), t => RemoveResource(t, Container(t, "runs"))),
        ["public runs container"] = new(nameof(ContainersExistAndArePrivate), t => Container(t, "runs")["properties"]!["publicAccess"] = "Blob"),
        ["undocumented parameter"] = new(nameof(ParametersAreDescribedWithSafeDefaults), t => t.Root["parameters"]!["namePrefix"]!.AsObject().Remove("metadata")),
        ["hard-coded region"] = new(nameof(ParametersAreDescribedWithSafeDefaults), t => t.Root["parameters"]!["location"]!["defaultValue"] = "westeurope"),
        ["required parameter"] = new(nameof(ParametersAreDescribedWithSafeDefaults), t => t.Root["parameters"]!["namePrefix"]!.AsObject().Remove("defaultValue")),
        ["instance memory of 8 GB allowed"] = new(nameof(ParametersAreDescribedWithSafeDefaults), t => ((JsonArray)t.Root["parameters"]!["instanceMemoryMB"]!["allowedValues"]!).Add(8192)),
        ["no functionAppUrl output"] = new(nameof(OutputsNameTheAppAndStorage), t => t.Root["outputs"]!.AsObject().Remove("functionAppUrl")),
        ["http functionAppUrl"] = new(nameof(OutputsNameTheAppAndStorage), t => t.Root["outputs"]!["functionAppUrl"]!["value"] = "[format('http://{0}', 'x')]"),
    };

    public static TheoryData<string> MutationNames => new(Mutations.Keys);

    [Theory]
    [MemberData(nameof(MutationNames))]
    public void Rule_reports_the_weakening(string mutation)
    {
        var (rule, apply) = Mutations[mutation];
        var template = CompiledTemplate.Copy();
        Assert.Empty(All[rule](template));

        apply(template);

        Assert.NotEmpty(All[rule](template));
    }

    [Fact]
    public void Every_rule_has_a_weakening_that_it_reports()
    {
        var covered = Mutations.Values.Select(m => m.Rule).ToHashSet();
        Assert.All(All.Keys, rule => Assert.Contains(rule, covered));
    }
}
