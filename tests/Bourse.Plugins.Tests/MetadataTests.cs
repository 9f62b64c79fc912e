using Bourse.Plugins.Metadata;
using Bourse.Sdk.Strategies;
using Bourse.Strategies;

namespace Bourse.Plugins.Tests;

public sealed class MetadataTests
{
    [Fact]
    public void Compiled_strategy_metadata_and_schema_are_read()
    {
        var plugin = StrategyPlugin.Load(Sources.CompileOrFail(Sources.Good));
        var metadata = plugin.Metadata;

        Assert.Equal("Test Cross", metadata.Name);
        Assert.Equal("A test strategy.", metadata.Description);
        Assert.Equal(RiskLevel.Low, metadata.RiskLevel);
        Assert.Equal(StrategyType.Momentum, metadata.Type);
        Assert.Equal("2.1.0", metadata.Version);
        Assert.Equal("TestCross", metadata.ClassName);
        Assert.Equal(
            [
                new ParameterDescriptor("FastPeriod", "integer", "Bars in the fast average", 12, false, 2, 200),
                new ParameterDescriptor("SlowPeriod", "integer", "Bars in the slow average", 26, false, 3, 500),
            ],
            metadata.Parameters.Select(p => p with { Property = null, ValueType = null }));
        Assert.Same(metadata.Parameters[1], metadata.FindParameter("slowperiod"));
        plugin.Unload();
    }

    [Fact]
    public void Every_supported_type_is_described()
    {
        var plugin = StrategyPlugin.Load(Sources.CompileOrFail(Sources.AllTypes));
        var p = plugin.Metadata.Parameters.ToDictionary(x => x.Name);

        Assert.Equal(
            ["Count", "Big", "Ratio", "Size", "Enabled", "Label", "Mode", "Cap", "ApiKey", "NoAttribute"],
            plugin.Metadata.Parameters.Select(x => x.Name));
        Assert.Equal(("integer", (object?)3, 1.0, 10.0), (p["Count"].Type, p["Count"].Default, p["Count"].Min!.Value, p["Count"].Max!.Value));
        Assert.Equal(("integer", (object?)5_000_000_000L), (p["Big"].Type, p["Big"].Default));
        Assert.Equal(("number", (object?)0.25), (p["Ratio"].Type, p["Ratio"].Default));
        Assert.Equal(("number", (object?)1.5m, 0.01), (p["Size"].Type, p["Size"].Default, p["Size"].Min!.Value));
        Assert.Equal(("boolean", (object?)true), (p["Enabled"].Type, p["Enabled"].Default));
        Assert.Equal(("string", (object?)"hello", false), (p["Label"].Type, p["Label"].Default, p["Label"].Nullable));
        Assert.Equal(("string", (object?)"Careful"), (p["Mode"].Type, p["Mode"].Default));
        Assert.Equal(["Fast", "Careful"], p["Mode"].Choices!);
        Assert.Equal(("number", (object?)null, true), (p["Cap"].Type, p["Cap"].Default, p["Cap"].Nullable));
        Assert.True(p["ApiKey"].Required);
        Assert.True(p["ApiKey"].Nullable);
        Assert.Equal(("", false, (double?)null), (p["NoAttribute"].Description, p["NoAttribute"].Required, p["NoAttribute"].Min));
        plugin.Unload();
    }

    [Fact]
    public void Built_in_strategies_describe_themselves()
    {
        var ema = StrategyPlugin.FromType(typeof(EmaCrossover)).Metadata;
        var rsi = StrategyPlugin.FromType(typeof(RsiMeanReversion)).Metadata;

        Assert.Equal(("EMA Crossover", RiskLevel.Medium, StrategyType.Momentum), (ema.Name, ema.RiskLevel, ema.Type));
        Assert.Equal(["FastPeriod", "SlowPeriod"], ema.Parameters.Select(p => p.Name));
        Assert.Equal((12, 2.0, 200.0), ((int)ema.Parameters[0].Default!, ema.Parameters[0].Min!.Value, ema.Parameters[0].Max!.Value));
        Assert.Equal((26, 3.0, 500.0), ((int)ema.Parameters[1].Default!, ema.Parameters[1].Min!.Value, ema.Parameters[1].Max!.Value));

        Assert.Equal(("RSI Mean Reversion", RiskLevel.Medium, StrategyType.MeanReversion), (rsi.Name, rsi.RiskLevel, rsi.Type));
        Assert.Equal(["Period", "Oversold", "Overbought"], rsi.Parameters.Select(p => p.Name));
        Assert.Equal([(object?)14, 30.0, 70.0], rsi.Parameters.Select(p => p.Default));
        Assert.All(ema.Parameters.Concat(rsi.Parameters), p => Assert.False(string.IsNullOrWhiteSpace(p.Description)));
    }

    [Fact]
    public void Metadata_serializes_to_plain_json()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(StrategyPlugin.FromType(typeof(EmaCrossover)).Metadata);

        Assert.Contains("\"Name\":\"FastPeriod\",\"Type\":\"integer\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Property", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_strategy_without_parameters_has_an_empty_schema()
    {
        var plugin = StrategyPlugin.Load(Sources.CompileOrFail("[Strategy(\"Plain\")] public sealed class Plain : Strategy { }"));

        Assert.Empty(plugin.Metadata.Parameters);
        Assert.Null(plugin.ConfigType);
        plugin.Unload();
    }

    [Theory]
    [InlineData("public System.DateTime When { get; set; }", "supported types")]
    [InlineData("[Parameter(\"x\", Min = 1)] public bool Flag { get; set; }", "Min and Max apply only to numeric")]
    [InlineData("[Parameter(\"x\", Min = 5, Max = 1)] public int N { get; set; } = 3;", "above Max")]
    [InlineData("[Parameter(\"x\", Min = 5)] public int N { get; set; } = 3;", "outside its bounds")]
    [InlineData("public int Period { get; set; } public int PERIOD { get; set; }", "differing only by case")]
    [InlineData("public Cfg() => throw new System.InvalidOperationException(\"boom\");", "boom")]
    public void Unusable_parameter_records_are_plugin_errors(string members, string expected)
    {
        var source = $$"""
            public sealed class Cfg { {{members}} }

            [Strategy("Bad Config")]
            public sealed class BadConfig : Strategy<Cfg> { }
            """;

        var error = Assert.Throws<PluginException>(() => StrategyPlugin.Load(Sources.CompileOrFail(source)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_strategy_needs_a_parameterless_constructor()
    {
        const string source = "[Strategy(\"Ctor\")] public sealed class Ctor : Strategy { public Ctor(int x) { } }";

        var error = Assert.Throws<PluginException>(() => StrategyPlugin.Load(Sources.CompileOrFail(source)));

        Assert.Contains("parameterless constructor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_a_non_strategy_type_is_an_error()
    {
        Assert.Throws<PluginException>(() => StrategyMetadataReader.Read(typeof(string)));
        Assert.Null(StrategyMetadataReader.ConfigTypeOf(typeof(string)));
        Assert.Equal(typeof(EmaCrossoverConfig), StrategyMetadataReader.ConfigTypeOf(typeof(EmaCrossover)));
    }
}
