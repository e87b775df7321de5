using Plotly.Blazor;
using Plotly.Blazor.ConfigLib;
using Plotly.Blazor.LayoutLib;

namespace ServerSync.AdminUi.Components.Shared;

/// <summary>What every dashboard chart shares: Fluent's colours, no plotly toolbar, sizing to its card.</summary>
public static class PlotConfig
{
    public const string Accent = "#0f6cbd", Success = "#107c10", Failure = "#c50f1f", Warning = "#ca5010", Neutral = "#8a8886";

    /// <summary>No mode bar or logo (nothing here is for export or zooming); follows the card's width.</summary>
    public static Config Static => new() { DisplayModeBar = DisplayModeBarEnum.False, DisplayLogo = false, Responsive = true };

    /// <summary>
    /// A chart's div id that is new with every new set of numbers: a replaced chart is purged by id when it is disposed,
    /// which must not hit its successor.
    /// </summary>
    public static string UniqueId(string name, object data) => $"{name}-{System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(data):x}";

    /// <summary>The div's height, the same as the plot's (otherwise plotly's default height leaves a gap under it).</summary>
    public static string Height(Plotly.Blazor.Layout layout) => $"height:{layout.Height}px";

    /// <param name="categoriesDown">Horizontal bars: the first category on top, as in the list beside the chart.</param>
    /// <param name="max">Horizontal bars: the largest value, so the value axis starts at zero even when everything is zero.</param>
    /// <param name="window">Time charts: the period shown, whatever the data covers.</param>
    public static Plotly.Blazor.Layout Layout(int height, bool categoriesDown = false, bool timeAxis = false, bool legend = false, string? yTitle = null,
        int? max = null, (DateTime From, DateTime To)? window = null) => new()
    {
        Height = height, AutoSize = true, ShowLegend = legend,
        Margin = new Margin { L = 8, R = 8, T = legend ? 36 : 8, B = timeAxis ? 32 : 24, Pad = 4 },
        Font = new Font { Family = "Segoe UI, system-ui, sans-serif", Size = 12 },
        Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, Y = 1.02m, YAnchor = Plotly.Blazor.LayoutLib.LegendLib.YAnchorEnum.Bottom }],
        XAxis =
        [
            new XAxis
            {
                AutoMargin = Plotly.Blazor.LayoutLib.XAxisLib.AutoMarginFlag.True, FixedRange = true, Type = timeAxis ? Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Date : null,
                Range = window is { } w ? [w.From, w.To] : max is { } m ? [0, Math.Max(1, m * 1.15)] : null,
            },
        ],
        YAxis =
        [
            new YAxis
            {
                AutoMargin = Plotly.Blazor.LayoutLib.YAxisLib.AutoMarginFlag.True, FixedRange = true,
                AutoRange = categoriesDown ? Plotly.Blazor.LayoutLib.YAxisLib.AutoRangeEnum.Reversed : null,
                // Counts and delays are never negative, also when a period shows nothing.
                RangeMode = timeAxis ? Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.NonNegative : null,
                Title = yTitle is null ? null : new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = yTitle },
            },
        ],
        BarMode = BarModeEnum.Stack,
    };
}
