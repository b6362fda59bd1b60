namespace NeuralStyle.Configuration;

/// <summary>A value for a setting, suggested by a <see cref="ConfigurationProblem"/>; each host writes it in its own terms (an option, a key).</summary>
/// <param name="Description">The setting's description.</param>
/// <param name="Value">The value, as hosts write it (e.g. <c>adam</c>, <c>0.5</c>).</param>
public sealed record SettingValue(SettingDescription Description, string Value)
{
    /// <summary>The API's form: <c>Name = Value</c>.</summary>
    public override string ToString() => $"{Description.Name} = {Value}";
}
