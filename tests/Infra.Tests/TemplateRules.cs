using System.Text.Json.Nodes;
using static FedAvg.Infra.Tests.ArmTemplate;

namespace FedAvg.Infra.Tests;

/// <summary>
/// What the deployment must guarantee, as checks over a compiled ARM template. Each rule returns the
/// problems it finds (empty = satisfied), so a test can show every violation at once, and the
/// mutation tests can prove that each rule notices the weakening it exists to catch.
/// </summary>
internal static class TemplateRules
{
    public const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    public const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    public const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    public const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    public const string StorageAccountType = "Microsoft.Storage/storageAccounts";
    public const string ContainerType = "Microsoft.Storage/storageAccounts/blobServices/containers";
    public const string SiteType = "Microsoft.Web/sites";
    public const string PlanType = "Microsoft.Web/serverfarms";
    public const string RoleAssignmentType = "Microsoft.Authorization/roleAssignments";
    public const string AppInsightsType = "Microsoft.Insights/components";
    public const string WorkspaceType = "Microsoft.OperationalInsights/workspaces";

    public static readonly IReadOnlyDictionary<string, Func<ArmTemplate, List<string>>> All =
        new Dictionary<string, Func<ArmTemplate, List<string>>>
        {
            [nameof(StorageIsIdentityOnlyAndHardened)] = StorageIsIdentityOnlyAndHardened,
            [nameof(FunctionAppIsHttpsOnlyWithSystemIdentity)] = FunctionAppIsHttpsOnlyWithSystemIdentity,
            [nameof(PlanIsFlexConsumption)] = PlanIsFlexConsumption,
            [nameof(FlexConfigRunsDotnetIsolated10)] = FlexConfigRunsDotnetIsolated10,
            [nameof(AppSettingsUseIdentityConnectionsOnly)] = AppSettingsUseIdentityConnectionsOnly,
            [nameof(TemplateContainsNoKeys)] = TemplateContainsNoKeys,
            [nameof(AppHasStorageDataRoles)] = AppHasStorageDataRoles,
            [nameof(AppCanPublishTelemetry)] = AppCanPublishTelemetry,
            [nameof(ContainersExistAndArePrivate)] = ContainersExistAndArePrivate,
            [nameof(ParametersAreDescribedWithSafeDefaults)] = ParametersAreDescribedWithSafeDefaults,
            [nameof(OutputsNameTheAppAndStorage)] = OutputsNameTheAppAndStorage,
        };

    public static List<string> StorageIsIdentityOnlyAndHardened(ArmTemplate t)
    {
        var problems = new List<string>();
        var accounts = t.OfType(StorageAccountType);
        if (accounts.Count != 1)
        {
            return [$"expected one storage account, found {accounts.Count}"];
        }
        var p = accounts[0]["properties"];
        // Azure's default for an absent allowSharedKeyAccess is true: it must be present and false.
        if (!IsFalse(p?["allowSharedKeyAccess"]))
        {
            problems.Add($"storage allowSharedKeyAccess must be false, is {p?["allowSharedKeyAccess"]?.ToJsonString() ?? "absent"}");
        }
        if (Str(p?["minimumTlsVersion"]) != "TLS1_2")
        {
            problems.Add($"storage minimumTlsVersion must be TLS1_2, is {Str(p?["minimumTlsVersion"]) ?? "absent"}");
        }
        if (!IsFalse(p?["allowBlobPublicAccess"]))
        {
            problems.Add("storage allowBlobPublicAccess must be false");
        }
        if (!IsTrue(p?["supportsHttpsTrafficOnly"]))
        {
            problems.Add("storage supportsHttpsTrafficOnly must be true");
        }
        if (!IsTrue(p?["defaultToOAuthAuthentication"]))
        {
            problems.Add("storage defaultToOAuthAuthentication must be true");
        }
        return problems;
    }

    public static List<string> FunctionAppIsHttpsOnlyWithSystemIdentity(ArmTemplate t)
    {
        var problems = new List<string>();
        var sites = t.OfType(SiteType);
        if (sites.Count != 1)
        {
            return [$"expected one function app, found {sites.Count}"];
        }
        var site = sites[0];
        var kind = Str(site["kind"]) ?? "";
        if (!kind.Contains("functionapp", StringComparison.OrdinalIgnoreCase) || !kind.Contains("linux", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"site kind must be a Linux function app, is '{kind}'");
        }
        if (!IsTrue(site["properties"]?["httpsOnly"]))
        {
            problems.Add("function app httpsOnly must be true");
        }
        var identity = (Str(site["identity"]?["type"]) ?? "").Split(',', StringSplitOptions.TrimEntries);
        if (!identity.Contains("SystemAssigned", StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"function app identity must be SystemAssigned, is '{string.Join(",", identity)}'");
        }
        var config = site["properties"]?["siteConfig"];
        if (Str(config?["minTlsVersion"]) != "1.2")
        {
            problems.Add($"siteConfig.minTlsVersion must be 1.2, is {Str(config?["minTlsVersion"]) ?? "absent"}");
        }
        if (Str(config?["ftpsState"]) != "Disabled")
        {
            problems.Add($"siteConfig.ftpsState must be Disabled, is {Str(config?["ftpsState"]) ?? "absent"}");
        }
        return problems;
    }

    public static List<string> PlanIsFlexConsumption(ArmTemplate t)
    {
        var problems = new List<string>();
        var plans = t.OfType(PlanType);
        if (plans.Count != 1)
        {
            return [$"expected one hosting plan, found {plans.Count}"];
        }
        var plan = plans[0];
        if (Str(plan["sku"]?["name"]) != "FC1" || Str(plan["sku"]?["tier"]) != "FlexConsumption")
        {
            problems.Add($"plan sku must be FC1/FlexConsumption, is {plan["sku"]?.ToJsonString() ?? "absent"}");
        }
        if (!IsTrue(plan["properties"]?["reserved"]))
        {
            problems.Add("plan must be Linux (properties.reserved true)");
        }
        foreach (var site in t.OfType(SiteType))
        {
            var farm = Str(site["properties"]?["serverFarmId"]) ?? "";
            if (!farm.Contains(PlanType, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"function app serverFarmId must reference the plan, is '{farm}'");
            }
        }
        return problems;
    }

    public static List<string> FlexConfigRunsDotnetIsolated10(ArmTemplate t)
    {
        var problems = new List<string>();
        var sites = t.OfType(SiteType);
        var site = sites.Count > 0 ? sites[0] : null;
        var config = site?["properties"]?["functionAppConfig"];
        if (config is null)
        {
            return ["function app has no functionAppConfig (Flex Consumption needs it)"];
        }
        if (Str(config["runtime"]?["name"]) != "dotnet-isolated" || Str(config["runtime"]?["version"]) != "10.0")
        {
            problems.Add($"runtime must be dotnet-isolated 10.0, is {config["runtime"]?.ToJsonString() ?? "absent"}");
        }
        var storage = config["deployment"]?["storage"];
        if (Str(storage?["type"]) != "blobContainer")
        {
            problems.Add("deployment storage must be a blobContainer");
        }
        if (Str(storage?["authentication"]?["type"]) != "SystemAssignedIdentity")
        {
            problems.Add($"deployment storage must authenticate with SystemAssignedIdentity, is {Str(storage?["authentication"]?["type"]) ?? "absent"}");
        }
        var url = t.Resolve(Str(storage?["value"]));
        var container = TrailingLiteralOf(url);
        var containers = t.OfType(ContainerType).Select(t.LastNameSegment).ToHashSet(StringComparer.Ordinal);
        if (!url.Contains("primaryEndpoints.blob", StringComparison.Ordinal) || container is null || !containers.Contains(container))
        {
            problems.Add($"deployment storage must be a container of the template's storage account, is '{url}'");
        }
        var scale = config["scaleAndConcurrency"];
        var memory = Int(t.Effective(scale?["instanceMemoryMB"]));
        if (memory != 4096)
        {
            problems.Add($"instanceMemoryMB must default to 4096 (TorchSharp training), is {memory?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "absent"}");
        }
        if (scale?["maximumInstanceCount"] is null)
        {
            problems.Add("scaleAndConcurrency.maximumInstanceCount must be set");
        }
        return problems;
    }

    /// <summary>The app settings as name/value pairs (siteConfig.appSettings and any config/appsettings child).</summary>
    public static List<(string Name, string Value)> AppSettings(ArmTemplate t)
    {
        var settings = new List<(string, string)>();
        foreach (var site in t.OfType(SiteType))
        {
            if (site["properties"]?["siteConfig"]?["appSettings"] is JsonArray array)
            {
                settings.AddRange(array.OfType<JsonObject>().Select(s => (Str(s["name"]) ?? "", s["value"]?.ToJsonString() ?? "")));
            }
        }
        foreach (var config in t.OfType("Microsoft.Web/sites/config"))
        {
            if (t.LastNameSegment(config) == "appsettings" && config["properties"] is JsonObject props)
            {
                settings.AddRange(props.Select(p => (p.Key, p.Value?.ToJsonString() ?? "")));
            }
        }
        return settings;
    }

    public static List<string> AppSettingsUseIdentityConnectionsOnly(ArmTemplate t)
    {
        var problems = new List<string>();
        var settings = AppSettings(t);
        string[] secrets = ["AccountKey", "listKeys", "SharedAccessSignature", "DefaultEndpointsProtocol"];
        foreach (var (name, value) in settings)
        {
            foreach (var secret in secrets.Where(s => value.Contains(s, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add($"app setting {name} contains '{secret}': use identity-based connections");
            }
        }
        var byName = settings.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.OrdinalIgnoreCase);
        if (byName.ContainsKey("AzureWebJobsStorage"))
        {
            problems.Add("plain AzureWebJobsStorage (a connection string) must not be set");
        }
        string[] required =
        [
            "AzureWebJobsStorage__accountName", "AzureWebJobsStorage__credential",
            "AzureWebJobsStorage__blobServiceUri", "AzureWebJobsStorage__queueServiceUri", "AzureWebJobsStorage__tableServiceUri",
            "FedAvgStorage__blobServiceUri", "APPLICATIONINSIGHTS_CONNECTION_STRING",
        ];
        problems.AddRange(required.Where(r => !byName.ContainsKey(r)).Select(r => $"app setting {r} is missing"));
        if (byName.TryGetValue("AzureWebJobsStorage__credential", out var credential) && credential != "\"managedidentity\"")
        {
            problems.Add($"AzureWebJobsStorage__credential must be managedidentity, is {credential}");
        }
        // Flex Consumption rejects these: the runtime comes from functionAppConfig.
        string[] rejected = ["FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING"];
        problems.AddRange(rejected.Where(byName.ContainsKey).Select(r => $"app setting {r} is not allowed on Flex Consumption"));
        return problems;
    }

    public static List<string> TemplateContainsNoKeys(ArmTemplate t)
    {
        var json = t.ToJson();
        string[] markers = ["listKeys(", "AccountKey=", "listAccountSas(", "listServiceSas("];
        return markers.Where(m => json.Contains(m, StringComparison.OrdinalIgnoreCase))
            .Select(m => $"template uses '{m}': keys or SAS must not appear anywhere")
            .ToList();
    }

    public static List<string> AppHasStorageDataRoles(ArmTemplate t)
    {
        var problems = new List<string>();
        (string Id, string Name)[] roles =
        [
            (StorageBlobDataOwner, "Storage Blob Data Owner"),
            (StorageQueueDataContributor, "Storage Queue Data Contributor"),
            (StorageTableDataContributor, "Storage Table Data Contributor"),
        ];
        foreach (var (id, name) in roles)
        {
            problems.AddRange(CheckRole(t, id, name, StorageAccountType));
        }
        return problems;
    }

    public static List<string> AppCanPublishTelemetry(ArmTemplate t)
    {
        var problems = CheckRole(t, MonitoringMetricsPublisher, "Monitoring Metrics Publisher", AppInsightsType);
        var insights = t.OfType(AppInsightsType);
        if (insights.Count != 1)
        {
            problems.Add($"expected one Application Insights component, found {insights.Count}");
            return problems;
        }
        var workspace = Str(insights[0]["properties"]?["WorkspaceResourceId"]) ?? "";
        if (!workspace.Contains(WorkspaceType, StringComparison.OrdinalIgnoreCase) || t.OfType(WorkspaceType).Count != 1)
        {
            problems.Add("Application Insights must be workspace-based on the template's Log Analytics workspace");
        }
        var settings = AppSettings(t).ToDictionary(s => s.Name, s => s.Value, StringComparer.OrdinalIgnoreCase);
        if (!settings.TryGetValue("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", out var auth) || !auth.Contains("Authorization=AAD", StringComparison.Ordinal))
        {
            problems.Add("APPLICATIONINSIGHTS_AUTHENTICATION_STRING must be Authorization=AAD");
        }
        return problems;
    }

    /// <summary>
    /// A role assignment of the role to the function app's system identity, on a resource of scopeType,
    /// named with guid() over that resource so that redeployments keep the same assignment.
    /// </summary>
    private static List<string> CheckRole(ArmTemplate t, string roleId, string roleName, string scopeType)
    {
        var matches = t.OfType(RoleAssignmentType)
            .Where(r => (Str(r["properties"]?["roleDefinitionId"]) ?? "").Contains(roleId, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (matches.Count == 0)
        {
            return [$"no role assignment of {roleName} ({roleId})"];
        }
        var good = matches.Where(r =>
        {
            var principal = Str(r["properties"]?["principalId"]) ?? "";
            var scope = Str(r["scope"]) ?? "";
            var name = Str(r["name"]) ?? "";
            return principal.Contains(SiteType, StringComparison.OrdinalIgnoreCase)
                && principal.EndsWith(".identity.principalId]", StringComparison.Ordinal)
                && Str(r["properties"]?["principalType"]) == "ServicePrincipal"
                && scope.Contains(scopeType, StringComparison.OrdinalIgnoreCase)
                && name.StartsWith("[guid(", StringComparison.Ordinal)
                && name.Contains(scopeType, StringComparison.OrdinalIgnoreCase);
        });
        return good.Any()
            ? []
            : [$"{roleName} must be assigned to the function app's system identity (ServicePrincipal) on the {scopeType}, with a guid() name over it"];
    }

    public static List<string> ContainersExistAndArePrivate(ArmTemplate t)
    {
        var problems = new List<string>();
        var containers = t.OfType(ContainerType);
        var names = containers.Select(t.LastNameSegment).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(new[] { "data", "runs", "models" }.Where(n => !names.Contains(n)).Select(n => $"blob container '{n}' is missing"));
        foreach (var container in containers)
        {
            var access = Str(container["properties"]?["publicAccess"]);
            if (access is not null && access != "None")
            {
                problems.Add($"blob container '{t.LastNameSegment(container)}' must not be public (publicAccess {access})");
            }
        }
        return problems;
    }

    public static List<string> ParametersAreDescribedWithSafeDefaults(ArmTemplate t)
    {
        var problems = new List<string>();
        var parameters = t.Root["parameters"] as JsonObject ?? [];
        foreach (var (name, parameter) in parameters)
        {
            if (string.IsNullOrWhiteSpace(Str(parameter?["metadata"]?["description"])))
            {
                problems.Add($"parameter {name} has no @description");
            }
            if (parameter?["defaultValue"] is null)
            {
                problems.Add($"parameter {name} has no default: `az deployment group create -f infra/main.bicep` must work as is");
            }
        }
        if (Str(parameters["location"]?["defaultValue"]) != "[resourceGroup().location]")
        {
            problems.Add("parameter location must default to resourceGroup().location");
        }
        var allowed = (parameters["instanceMemoryMB"]?["allowedValues"] as JsonArray)?.Select(Int).ToList() ?? [];
        if (allowed.Count == 0 || allowed.Any(v => v is not (512 or 2048 or 4096)))
        {
            problems.Add("parameter instanceMemoryMB must allow only 512, 2048, 4096");
        }
        if (parameters["maximumInstanceCount"] is null)
        {
            problems.Add("parameter maximumInstanceCount is missing");
        }
        return problems;
    }

    public static List<string> OutputsNameTheAppAndStorage(ArmTemplate t)
    {
        var problems = new List<string>();
        var outputs = t.Root["outputs"] as JsonObject ?? [];
        problems.AddRange(new[] { "functionAppName", "functionAppUrl", "storageAccountName" }
            .Where(o => outputs[o] is null).Select(o => $"output {o} is missing"));
        var url = Str(outputs["functionAppUrl"]?["value"]) ?? "";
        if (outputs["functionAppUrl"] is not null && !url.Contains("'https://", StringComparison.Ordinal))
        {
            problems.Add($"output functionAppUrl must be an https:// URL, is '{url}'");
        }
        return problems;
    }
}
