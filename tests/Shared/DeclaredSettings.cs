using System.Reflection;
using NeuralStyle.Configuration;

namespace NeuralStyle.Testing;

/// <summary>The <see cref="Setting"/>s a type declares as static properties (the core's <see cref="Setting"/>, a package's own keys).</summary>
internal static class DeclaredSettings
{
    public static IReadOnlyList<(string Member, Setting Setting)> Of(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == typeof(Setting)).Select(p => (p.Name, (Setting)p.GetValue(null)!))];
}
