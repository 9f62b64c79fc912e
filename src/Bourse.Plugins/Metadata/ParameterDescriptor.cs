using System.Reflection;

namespace Bourse.Plugins.Metadata;

/// <summary>The JSON-schema-like type names of parameters.</summary>
public static class ParameterTypes
{
    /// <summary>A whole number (C# <c>int</c> or <c>long</c>).</summary>
    public const string Integer = "integer";

    /// <summary>A real number (C# <c>double</c>, <c>float</c> or <c>decimal</c>).</summary>
    public const string Number = "number";

    /// <summary>true or false (C# <c>bool</c>).</summary>
    public const string Boolean = "boolean";

    /// <summary>Text (C# <c>string</c>), or the name of an enum member (see <see cref="ParameterDescriptor.Choices"/>).</summary>
    public const string String = "string";
}

/// <summary>
/// One parameter of a strategy: one public settable property of its parameter record. The name is the C# property
/// name as declared (e.g. "FastPeriod"); binding matches names case-insensitively.
/// </summary>
/// <param name="Name">The C# property name, e.g. "FastPeriod".</param>
/// <param name="Type">One of <see cref="ParameterTypes"/>: "integer", "number", "boolean" or "string".</param>
/// <param name="Description">From <c>[Parameter("...")]</c>; empty when the property has no attribute.</param>
/// <param name="Default">
/// The value of the property on a fresh <c>new TConfig()</c>: an <see cref="int"/>/<see cref="long"/>, <see cref="double"/>/<see cref="decimal"/>,
/// <see cref="bool"/> or <see cref="string"/> (enum members as their name); null when the default is null.
/// </param>
/// <param name="Required">True when a run must give a value.</param>
/// <param name="Min">Inclusive minimum for numeric parameters, or null.</param>
/// <param name="Max">Inclusive maximum for numeric parameters, or null.</param>
/// <param name="Nullable">True when null is an accepted value.</param>
/// <param name="Choices">For an enum property: the allowed member names; otherwise null.</param>
public sealed record ParameterDescriptor(
    string Name,
    string Type,
    string Description,
    object? Default,
    bool Required,
    double? Min,
    double? Max,
    bool Nullable = false,
    IReadOnlyList<string>? Choices = null)
{
    /// <summary>The property this parameter binds to.</summary>
    internal PropertyInfo? Property { get; init; }

    /// <summary>The property's CLR type with <see cref="Nullable{T}"/> removed.</summary>
    internal Type? ValueType { get; init; }
}
