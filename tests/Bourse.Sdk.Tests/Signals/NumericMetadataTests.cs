using System.Text.Json;
using Bourse.Sdk.Signals;

namespace Bourse.Sdk.Tests.Signals;

public class NumericMetadataTests
{
    [Fact]
    public void Reads_as_the_dictionary_of_the_formatted_values_in_the_given_order()
    {
        IReadOnlyDictionary<string, string> metadata = new NumericMetadata("0.######", ("fast_ema", 167.123456789), ("slow_ema", 166.5));

        Assert.Equal(2, metadata.Count);
        Assert.Equal(["fast_ema", "slow_ema"], metadata.Keys);
        Assert.Equal(["167.123457", "166.5"], metadata.Values);
        Assert.Equal("167.123457", metadata["fast_ema"]);
        Assert.True(metadata.TryGetValue("slow_ema", out var slow));
        Assert.Equal("166.5", slow);
        Assert.False(metadata.TryGetValue("rsi", out _));
        Assert.False(metadata.ContainsKey("rsi"));
        Assert.Throws<KeyNotFoundException>(() => metadata["rsi"]);
        Assert.Equal(
            new Dictionary<string, string> { ["fast_ema"] = "167.123457", ["slow_ema"] = "166.5" },
            metadata.ToDictionary());
    }

    [Fact]
    public void Serializes_like_a_dictionary_of_strings()
    {
        IReadOnlyDictionary<string, string> metadata = new NumericMetadata("0.####", ("rsi", 27.40516));

        Assert.Equal("""{"rsi":"27.4052"}""", JsonSerializer.Serialize(metadata));
    }

    [Fact]
    public void Refuses_a_blank_format_a_blank_name_and_a_name_given_twice()
    {
        Assert.Throws<ArgumentException>(() => new NumericMetadata(" ", ("x", 1)));
        Assert.Throws<ArgumentException>(() => new NumericMetadata("0.#", (" ", 1)));
        var twice = Assert.Throws<ArgumentException>(() => new NumericMetadata("0.#", ("x", 1), ("x", 2)));
        Assert.Contains("'x' is given twice", twice.Message, StringComparison.Ordinal);
        Assert.Contains("'y' is given twice", Assert.Throws<ArgumentException>(() => new NumericMetadata("0.#", ("y", 1), ("x", 2), ("y", 3))).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new NumericMetadata("0.#", [("a", 1), ("b", 2), ("c", 3), ("a", 4)]));
        Assert.Throws<ArgumentNullException>(() => new NumericMetadata("0.#", null!));
    }

    [Fact]
    public void Every_arity_reads_its_entries_in_order_and_an_array_passed_in_is_copied()
    {
        (string Name, double Value)[] entries = [("a", 1), ("b", 2), ("c", 3), ("d", 4)];
        var fromArray = new NumericMetadata("0", entries);
        entries[0] = ("z", 9);

        Assert.Equal(["a", "b", "c", "d"], fromArray.Keys);
        Assert.Equal(["1", "2", "3"], new NumericMetadata("0", ("a", 1), ("b", 2), ("c", 3)).Values);
        Assert.Equal(["1", "2"], new NumericMetadata("0", ("a", 1), ("b", 2)).Values);
        Assert.Equal(["1"], new NumericMetadata("0", ("a", 1)).Values);
        Assert.Empty(new NumericMetadata("0"));
    }
}
