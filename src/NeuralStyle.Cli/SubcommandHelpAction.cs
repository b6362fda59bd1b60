using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace NeuralStyle.Cli;

/// <summary>
/// <c>--help</c> that leaves the root command's <c>CONTENT STYLE...</c> out of a subcommand's usage
/// line and argument list. Those arguments belong to the style transfer alone (<c>neural-style
/// CONTENT STYLE -o OUT</c>), but System.CommandLine's help prints every ancestor's arguments in a
/// subcommand's (<c>neural-style &lt;content&gt; &lt;style&gt;... apply &lt;model&gt; ...</c>); hidden
/// arguments are left out, so they are hidden while a subcommand's help is written.
/// </summary>
internal sealed class SubcommandHelpAction : SynchronousCommandLineAction
{
    private readonly HelpAction _help;
    private readonly Command _root;

    /// <summary>Wraps <paramref name="help"/>, the root command's own help action.</summary>
    public SubcommandHelpAction(HelpAction help, Command root)
    {
        _help = help;
        _root = root;
    }

    /// <inheritdoc />
    public override bool ClearsParseErrors => true;

    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        if (parseResult.CommandResult.Command == _root)
        {
            return _help.Invoke(parseResult);
        }

        Argument[] shown = _root.Arguments.Where(a => !a.Hidden).ToArray();
        foreach (Argument argument in shown)
        {
            argument.Hidden = true;
        }

        try
        {
            return _help.Invoke(parseResult);
        }
        finally
        {
            foreach (Argument argument in shown)
            {
                argument.Hidden = false;
            }
        }
    }

    /// <summary>Makes <paramref name="root"/>'s <c>--help</c> (which applies to every subcommand) this action.</summary>
    public static void UseOn(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        HelpOption option = root.Options.OfType<HelpOption>().Single();
        if (option.Action is HelpAction help)
        {
            option.Action = new SubcommandHelpAction(help, root);
        }
    }
}
