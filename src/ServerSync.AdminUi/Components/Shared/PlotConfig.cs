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

    /// <param name="categoriesDown">Horizontal bars: the first category on top, as in the list beside the chart.</param>
    public static Plotly.Blazor.Layout Layout(int height, bool categoriesDown = false, bool timeAxis = false, bool legend = false, string? yTitle = null) => new()
    {
        Height = height, AutoSize = true, ShowLegend = legend,
        Margin = new Margin { L = 8, R = 8, T = legend ? 32 : 8, B = timeAxis ? 32 : 8, Pad = 4 },
        Font = new Font { Family = "Segoe UI, system-ui, sans-serif", Size = 12 },
        Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, Y = 1.15m }],
        XAxis = [new XAxis { AutoMargin = Plotly.Blazor.LayoutLib.XAxisLib.AutoMarginFlag.True, FixedRange = true, Type = timeAxis ? Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Date : null }],
        YAxis =
        [
            new YAxis
            {
                AutoMargin = Plotly.Blazor.LayoutLib.YAxisLib.AutoMarginFlag.True, FixedRange = true,
                AutoRange = categoriesDown ? Plotly.Blazor.LayoutLib.YAxisLib.AutoRangeEnum.Reversed : null,
                Title = yTitle is null ? null : new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = yTitle },
            },
        ],
        BarMode = BarModeEnum.Stack,
    };
}
