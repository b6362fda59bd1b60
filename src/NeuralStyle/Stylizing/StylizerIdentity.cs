using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeuralStyle.Stylizing;

/// <summary>The one way a stylizer's <see cref="IStylizer.Identity"/> is written: its kind and what it was made with, as JSON (enums by name).</summary>
public static class StylizerIdentity
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary><paramref name="kind"/>, a line break, then <paramref name="what"/> serialised (its public properties).</summary>
    public static string Of(string kind, object what) => kind + "\n" + JsonSerializer.Serialize(what, Json);
}
