using System.Text.Json;
using Bourse.Plugins.Parameters;
using Bourse.Strategies;

namespace Bourse.Plugins.Tests;

public sealed class ParameterBindingTests
{
    private static readonly StrategyPlugin Ema = StrategyPlugin.FromType(typeof(EmaCrossover));

    private static readonly Lazy<StrategyPlugin> AllTypes = new(() => StrategyPlugin.Load(Sources.CompileOrFail(Sources.AllTypes)));

    private static Dictionary<string, JsonElement> Json(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    private static ParameterException Fails(Action bind) => Assert.Throws<ParameterException>(bind);

    [Fact]
    public void Json_values_bind_case_insensitively_and_defaults_fill_the_rest()
    {
        var strategy = (EmaCrossover)Ema.CreateInstance(Json("""{ "fastperiod": 5 }"""));

        Assert.Equal(5, strategy.Config.FastPeriod);
        Assert.Equal(26, strategy.Config.SlowPeriod);
    }

    [Fact]
    public void Cli_text_values_bind()
    {
        var strategy = (EmaCrossover)Ema.CreateInstance(new Dictionary<string, string> { ["FastPeriod"] = "8", ["SLOWPERIOD"] = " 40 " });

        Assert.Equal((8, 40), (strategy.Config.FastPeriod, strategy.Config.SlowPeriod));
    }

    [Fact]
    public void Every_instance_gets_its_own_config()
    {
        var bound = Ema.Bind(Json("""{ "FastPeriod": 7 }"""));

        var first = (EmaCrossover)Ema.CreateInstance(bound);
        var second = (EmaCrossover)Ema.CreateInstance(bound);

        Assert.NotSame(first, second);
        Assert.NotSame(first.Config, second.Config);
        Assert.Equal(7, second.Config.FastPeriod);
        Assert.Equal(new Dictionary<string, object?> { ["FastPeriod"] = 7, ["SlowPeriod"] = 26 }, bound.Values);
    }

    [Fact]
    public void Defaults_are_used_without_parameters()
    {
        var strategy = (EmaCrossover)Ema.CreateInstance();

        Assert.Equal((12, 26), (strategy.Config.FastPeriod, strategy.Config.SlowPeriod));
    }

    [Fact]
    public void Unknown_parameter_is_named()
    {
        var error = Fails(() => Ema.Bind(Json("""{ "Fast": 5 }""")));

        Assert.Equal("Fast", error.Parameter);
        Assert.Contains("Unknown parameter 'Fast'", error.Message, StringComparison.Ordinal);
        Assert.Contains("FastPeriod, SlowPeriod", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "FastPeriod": "5" }""", "FastPeriod must be an integer (was \"5\")")]
    [InlineData("""{ "FastPeriod": 5.5 }""", "FastPeriod must be an integer (was 5.5)")]
    [InlineData("""{ "FastPeriod": 1 }""", "FastPeriod must be at least 2 (was 1)")]
    [InlineData("""{ "SlowPeriod": 501 }""", "SlowPeriod must be at most 500 (was 501)")]
    [InlineData("""{ "FastPeriod": null }""", "FastPeriod must not be null")]
    [InlineData("""{ "FastPeriod": 99999999999 }""", "FastPeriod must be an integer within")]
    public void Json_type_and_range_errors_name_the_parameter(string json, string expected)
    {
        var error = Fails(() => Ema.Bind(Json(json)));

        Assert.Single(error.Errors);
        Assert.StartsWith(expected, error.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(expected.Split(' ')[0], error.Parameter);
    }

    [Fact]
    public void Integral_json_reals_are_integers()
    {
        Assert.Equal(10, ((EmaCrossover)Ema.CreateInstance(Json("""{ "FastPeriod": 10.0 }"""))).Config.FastPeriod);
    }

    [Theory]
    [InlineData("FastPeriod", "five", "FastPeriod must be an integer (was \"five\")")]
    [InlineData("FastPeriod", "0", "FastPeriod must be at least 2 (was 0)")]
    [InlineData("SlowPeriod", "2.5", "SlowPeriod must be an integer (was \"2.5\")")]
    public void Cli_type_and_range_errors_name_the_parameter(string name, string value, string expected)
    {
        var error = Fails(() => Ema.Bind(new Dictionary<string, string> { [name] = value }));

        Assert.Equal(name, error.Parameter);
        Assert.StartsWith(expected, error.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Record_validation_runs_after_field_checks()
    {
        var error = Fails(() => Ema.Bind(Json("""{ "FastPeriod": 30, "SlowPeriod": 20 }""")));

        Assert.Equal("FastPeriod", error.Parameter);
        Assert.Contains("must be below SlowPeriod", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void All_errors_are_reported_in_parameter_order_unknown_last()
    {
        var error = Fails(() => Ema.Bind(Json("""{ "zzz": 1, "SlowPeriod": true, "FastPeriod": 0 }""")));

        Assert.Equal(["FastPeriod", "SlowPeriod", "zzz"], error.Errors.Select(e => e.Parameter));
    }

    [Fact]
    public void The_same_parameter_twice_with_different_case_is_an_error()
    {
        var error = Fails(() => Ema.Bind(Json("""{ "FastPeriod": 5, "fastPeriod": 6 }""")));

        Assert.Contains("more than once", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_parameter_is_named()
    {
        var error = Fails(() => AllTypes.Value.CreateInstance());

        Assert.Equal("ApiKey", error.Parameter);
        Assert.Contains("ApiKey is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_type_binds_from_json()
    {
        var bound = AllTypes.Value.Bind(Json("""
            { "count": 4, "big": 6000000000, "ratio": 0.5, "size": 2.25, "enabled": false, "label": "x",
              "mode": "fast", "cap": 9.5, "apiKey": "k", "noAttribute": -3 }
            """));

        Assert.Equal<object?>(
            [4, 6_000_000_000L, 0.5, 2.25m, false, "x", "Fast", 9.5, "k", -3],
            bound.Values.Values);
        var strategy = AllTypes.Value.CreateInstance(bound);
        var config = strategy.GetType().BaseType!.GetProperty("Config")!.GetValue(strategy)!;
        Assert.Equal("Fast", config.GetType().GetProperty("Mode")!.GetValue(config)!.ToString());
        Assert.Equal(2.25m, config.GetType().GetProperty("Size")!.GetValue(config));
    }

    [Fact]
    public void Every_type_binds_from_cli_text()
    {
        var bound = AllTypes.Value.Bind(new Dictionary<string, string>
        {
            ["Count"] = "4", ["Big"] = "6000000000", ["Ratio"] = "0.5", ["Size"] = "2.25", ["Enabled"] = "False",
            ["Label"] = " spaced ", ["Mode"] = "CAREFUL", ["Cap"] = "", ["ApiKey"] = "k",
        });

        Assert.Equal<object?>([4, 6_000_000_000L, 0.5, 2.25m, false, " spaced ", "Careful", null, "k", 7], bound.Values.Values);
    }

    [Theory]
    [InlineData("Mode", "\"slow\"", "Mode must be one of Fast, Careful")]
    [InlineData("Enabled", "1", "Enabled must be true or false")]
    [InlineData("Ratio", "2", "Ratio must be at most 1")]
    [InlineData("Label", "5", "Label must be a string")]
    [InlineData("Size", "0", "Size must be at least 0.01")]
    public void Typed_json_errors(string name, string value, string expected)
    {
        var error = Fails(() => AllTypes.Value.Bind(Json($$"""{ "ApiKey": "k", "{{name}}": {{value}} }""")));

        Assert.Equal(name, error.Parameter);
        Assert.StartsWith(expected, error.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_finite_cli_numbers_are_rejected()
    {
        var error = Fails(() => AllTypes.Value.Bind(new Dictionary<string, string> { ["ApiKey"] = "k", ["Ratio"] = "NaN" }));

        Assert.Contains("finite", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_strategy_without_parameters_rejects_any()
    {
        var plugin = StrategyPlugin.Load(Sources.CompileOrFail("[Strategy(\"Plain\")] public sealed class Plain : Strategy { }"));

        var error = Fails(() => plugin.Bind(Json("""{ "x": 1 }""")));

        Assert.Contains("takes no parameters", error.Message, StringComparison.Ordinal);
        Assert.NotNull(plugin.CreateInstance());
        plugin.Unload();
    }

    [Fact]
    public void Parameters_bound_for_one_plugin_cannot_make_another()
    {
        var rsi = StrategyPlugin.FromType(typeof(RsiMeanReversion));

        Assert.Throws<ArgumentException>(() => rsi.CreateInstance(Ema.Bind(Json("{}"))));
    }

    [Fact]
    public void Parameter_exception_is_a_plugin_exception()
    {
        var error = new ParameterException("X", "X is bad");

        Assert.IsAssignableFrom<PluginException>(error);
        Assert.Equal("X is bad.", error.Message);
        Assert.Throws<ArgumentException>(() => new ParameterException([]));
    }
}
