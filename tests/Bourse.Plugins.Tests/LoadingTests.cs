using System.Runtime.CompilerServices;
using Bourse.Sdk.Strategies;

namespace Bourse.Plugins.Tests;

public sealed class LoadingTests
{
    [Fact]
    public void Compiled_strategy_loads_and_unifies_with_the_host_sdk()
    {
        var plugin = StrategyPlugin.Load(Sources.CompileOrFail(Sources.Good));

        Assert.True(plugin.IsCollectible);
        Assert.Equal("TestCross", plugin.StrategyType.Name);
        Assert.True(plugin.StrategyType.IsSubclassOf(typeof(Strategy)));
        Assert.Same(typeof(Strategy).Assembly, plugin.StrategyType.BaseType!.Assembly);

        var strategy = plugin.CreateInstance();
        Assert.IsAssignableFrom<Strategy>(strategy);
        plugin.Unload();
    }

    [Fact]
    public void A_real_dll_file_loads_from_its_bytes()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bourse-plugin-{Guid.NewGuid():N}.dll");
        try
        {
            File.WriteAllBytes(path, Sources.CompileOrFail(Sources.Good, "Uploaded.Cross"));

            var plugin = StrategyPlugin.Load(File.ReadAllBytes(path), "upload-1");

            Assert.Equal("Test Cross", plugin.Metadata.Name);
            Assert.Equal("Uploaded.Cross", plugin.StrategyType.Assembly.GetName().Name);
            plugin.Unload();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_same_assembly_can_be_loaded_twice_side_by_side()
    {
        var bytes = Sources.CompileOrFail(Sources.Good);

        var first = StrategyPlugin.Load(bytes);
        var second = StrategyPlugin.Load(bytes);

        Assert.NotSame(first.StrategyType, second.StrategyType);
        Assert.Equal(first.Metadata.Name, second.Metadata.Name);
        first.Unload();
        second.Unload();
    }

    [Fact]
    public void Invalid_bytes_are_a_plugin_error()
    {
        var error = Assert.Throws<PluginException>(() => StrategyPlugin.Load("this is not a dll"u8));

        Assert.Contains("not a valid .NET assembly", error.Message, StringComparison.Ordinal);
        Assert.IsType<BadImageFormatException>(error.InnerException);
    }

    [Fact]
    public void Empty_bytes_are_a_plugin_error()
    {
        Assert.Throws<PluginException>(() => StrategyPlugin.Load(ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void No_strategy_class_is_an_error_that_names_unmarked_candidates()
    {
        var error = Assert.Throws<PluginException>(() => StrategyPlugin.Load(Sources.CompileOrFail(Sources.NoStrategy)));

        Assert.Contains("no strategy class", error.Message, StringComparison.Ordinal);
        Assert.Contains("Unmarked", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_strategy_classes_are_an_error_naming_them()
    {
        var error = Assert.Throws<PluginException>(() => StrategyPlugin.Load(Sources.CompileOrFail(Sources.TwoStrategies)));

        Assert.Contains("2 strategy classes", error.Message, StringComparison.Ordinal);
        Assert.Contains("FirstStrategy", error.Message, StringComparison.Ordinal);
        Assert.Contains("SecondStrategy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Abstract_and_internal_strategies_do_not_count()
    {
        const string source = """
            [Strategy("Abstract")]
            public abstract class Base : Strategy { }

            [Strategy("Hidden")]
            internal sealed class Hidden : Strategy { }

            [Strategy("Real")]
            public sealed class Real : Base { }
            """;

        var plugin = StrategyPlugin.Load(Sources.CompileOrFail(source));

        Assert.Equal("Real", plugin.Metadata.Name);
        plugin.Unload();
    }

    [Fact]
    public void Unloaded_plugin_is_collected()
    {
        var bytes = Sources.CompileOrFail(Sources.Good, "Collectible.Test");

        var weak = LoadUseAndUnload(bytes);
        for (var i = 0; i < 20 && weak.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(weak.IsAlive, "The plugin's load context was not collected after Unload.");
    }

    [Fact]
    public void Creating_an_instance_after_unload_throws()
    {
        var plugin = StrategyPlugin.Load(Sources.CompileOrFail(Sources.Good));
        plugin.Unload();
        plugin.Unload();

        Assert.Throws<ObjectDisposedException>(() => plugin.CreateInstance());
    }

    [Fact]
    public void Built_in_strategies_are_found_in_their_assembly()
    {
        var plugins = StrategyPlugin.AllIn(typeof(Bourse.Strategies.EmaCrossover).Assembly);

        Assert.Equal(["Bollinger Breakout", "EMA Crossover", "Grid Trading", "Market Maker", "RSI Mean Reversion"], plugins.Select(p => p.Metadata.Name));
        Assert.All(plugins, p => Assert.False(p.IsCollectible));
        plugins[0].Unload(); // no-op for built-ins
        Assert.NotNull(plugins[0].CreateInstance());
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference LoadUseAndUnload(byte[] bytes)
    {
        var plugin = StrategyPlugin.Load(bytes, "collectible-test");
        var strategy = plugin.CreateInstance(new Dictionary<string, string> { ["FastPeriod"] = "5" });
        Assert.Equal(5, (int)strategy.GetType().GetProperty("Fast")!.GetValue(strategy)!);
        var weak = new WeakReference(plugin.StrategyType.Assembly);
        plugin.Unload();
        return weak;
    }
}
