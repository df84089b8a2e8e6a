namespace FedAvg.Infra.Tests;

/// <summary>Every rule holds for infra/main.bicep as compiled by infra/build.sh.</summary>
public class CompiledTemplateTests
{
    public static TheoryData<string> Rules => new(TemplateRules.All.Keys);

    [Theory]
    [MemberData(nameof(Rules))]
    public void Compiled_template_satisfies(string rule)
    {
        var problems = TemplateRules.All[rule](CompiledTemplate.Value);
        Assert.True(problems.Count == 0, $"{rule}:\n  {string.Join("\n  ", problems)}");
    }

    [Fact]
    public void Queue_role_is_the_builtin_storage_queue_data_contributor()
    {
        // TemplateRules.StorageQueueDataContributor is the built-in role's documented ID; a near miss in the
        // template (…-5f855dd0ece3 was once proposed) would deploy an assignment of a role that does not exist.
        Assert.Contains(CompiledTemplate.Value.OfType(TemplateRules.RoleAssignmentType),
            r => (ArmTemplate.Str(r["properties"]?["roleDefinitionId"]) ?? "").Contains(TemplateRules.StorageQueueDataContributor, StringComparison.Ordinal));
    }

    [Fact]
    public void App_settings_are_read_from_the_compiled_site()
    {
        // Guards the rules themselves: if the settings moved somewhere the reader does not look,
        // "no setting contains a key" would pass vacuously.
        var names = TemplateRules.AppSettings(CompiledTemplate.Value).Select(s => s.Name).ToList();
        Assert.Contains("AzureWebJobsStorage__accountName", names);
        Assert.True(names.Count >= 7, string.Join(", ", names));
    }
}
