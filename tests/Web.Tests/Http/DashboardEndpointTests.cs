using System.Text;
using System.Text.RegularExpressions;
using FedAvg.Common.Http;
using Microsoft.AspNetCore.Http;

namespace FedAvg.Common.Tests.Http;

public sealed partial class DashboardEndpointTests
{
    private const string SvgNamespace = "http://www.w3.org/2000/svg";

    [Fact]
    public async Task The_page_is_served_for_no_file_and_names_its_files_relative_to_itself()
    {
        var (status, body, headers) = await GetAsync("/", null);

        Assert.Equal(200, status);
        Assert.Equal("text/html; charset=utf-8", headers.ContentType.ToString());
        Assert.Contains("<script type=\"module\" src=\"dashboard/app.js\"></script>", body);
        Assert.Equal("no-cache", headers.CacheControl.ToString());
        Assert.StartsWith("default-src 'self'", headers.ContentSecurityPolicy.ToString());
    }

    [Theory]
    [InlineData("app.js", "text/javascript; charset=utf-8")]
    [InlineData("dashboard.css", "text/css; charset=utf-8")]
    [InlineData("favicon.svg", "image/svg+xml")]
    public async Task Each_file_has_its_media_type_and_an_entity_tag(string file, string type)
    {
        var (status, body, headers) = await GetAsync($"/dashboard/{file}", file);

        Assert.Equal(200, status);
        Assert.Equal(type, headers.ContentType.ToString());
        Assert.Equal(DashboardFiles.Find(file)!.Content, Encoding.UTF8.GetBytes(body));
        Assert.Equal(DashboardFiles.Find(file)!.EntityTag.ToString(), headers.ETag.ToString());
    }

    [Fact]
    public async Task A_request_with_the_current_entity_tag_is_answered_304()
    {
        var context = Context("/dashboard/app.js");
        context.Request.Headers.IfNoneMatch = DashboardFiles.Find("app.js")!.EntityTag.ToString();

        await DashboardEndpoint.Handle(context.Request, "app.js").ExecuteAsync(context);

        Assert.Equal(304, context.Response.StatusCode);
    }

    [Theory]
    [InlineData("nope.js")]
    [InlineData("../FedAvg.Web.dll")]
    [InlineData("Dashboard/app.js")]
    public async Task An_unknown_file_is_a_404_problem_naming_file(string file)
    {
        var context = Context($"/dashboard/{file}");
        var (status, json, type) = await HttpHarness.ExecuteAsync(DashboardEndpoint.Handle(context.Request, file), context);

        Assert.Equal(404, status);
        Assert.Equal("application/problem+json", type);
        Assert.True(json.GetProperty("errors").TryGetProperty("file", out _));
    }

    [Theory]
    [InlineData("/dashboard/", "/dashboard")]
    [InlineData("/api/dashboard/", "/api/dashboard")]
    public async Task The_folder_with_a_slash_redirects_to_the_page_so_relative_names_resolve(string path, string location)
    {
        var context = Context(path);

        await DashboardEndpoint.Handle(context.Request, string.Empty).ExecuteAsync(context);

        Assert.Equal(302, context.Response.StatusCode);
        Assert.Equal(location, context.Response.Headers.Location.ToString());
    }

    [Fact]
    public void Every_file_the_page_and_its_scripts_name_is_embedded_and_nothing_comes_from_another_host()
    {
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in DashboardFiles.Names)
        {
            // SVG's namespace name is a URI that nothing fetches.
            string text = Encoding.UTF8.GetString(DashboardFiles.Find(name)!.Content).Replace(SvgNamespace, string.Empty, StringComparison.Ordinal);
            Assert.DoesNotMatch(ExternalUrl(), text);
            foreach (Match match in PageReference().Matches(text).Concat(ModuleImport().Matches(text)))
            {
                referenced.Add(match.Groups["file"].Value);
            }
        }

        Assert.Contains("app.js", referenced);
        Assert.Contains("run-page.js", referenced);
        Assert.Empty(referenced.Except(DashboardFiles.Names));
        Assert.Empty(DashboardFiles.Names.Except(referenced).Except([DashboardFiles.Index]));
    }

    private static async Task<(int Status, string Body, IHeaderDictionary Headers)> GetAsync(string path, string? file)
    {
        var context = Context(path);
        await DashboardEndpoint.Handle(context.Request, file).ExecuteAsync(context);
        context.Response.Body.Position = 0;
        string body = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return (context.Response.StatusCode, body, context.Response.Headers);
    }

    private static HttpContext Context(string path)
    {
        var context = HttpHarness.Request([], null);
        context.Request.Method = "GET";
        context.Request.Path = path;
        return context;
    }

    [GeneratedRegex(@"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalUrl();

    [GeneratedRegex(@"(?:href|src)=""dashboard/(?<file>[^""]+)""")]
    private static partial Regex PageReference();

    [GeneratedRegex(@"from '\./(?<file>[^']+)'")]
    private static partial Regex ModuleImport();
}
