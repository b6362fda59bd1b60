using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralStyle.Testing;

/// <summary>
/// Pictures drawn entirely in code, so the project may redistribute them and use them offline:
/// two "photos" (a lakeside with sky, sun, mountains, hills, a house and a tree mirrored in a lake;
/// a still life of a vase and fruit on a table) and two "paintings" (a swirling night of
/// directional brush strokes and haloed stars; a warm mosaic of irregular tiles and dark grout).
/// Resolution-independent: every size shows the same scene.
/// </summary>
public static class DemoImages
{
    /// <summary>The content picture.</summary>
    public static Image<Rgb24> Lakeside(int width, int height) => Draw(width, height, LakesidePixel);

    /// <summary>The style picture.</summary>
    public static Image<Rgb24> Swirls(int width, int height) => Draw(width, height, SwirlsPixel);

    /// <summary>The second content picture.</summary>
    public static Image<Rgb24> StillLife(int width, int height) => Draw(width, height, StillLifePixel);

    /// <summary>The second style picture.</summary>
    public static Image<Rgb24> Mosaic(int width, int height) => Draw(width, height, MosaicPixel);

    private static Image<Rgb24> Draw(int width, int height, Func<double, double, double, (double R, double G, double B)> pixel)
    {
        var image = new Image<Rgb24>(width, height);
        double aspect = (double)width / height;
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                Span<Rgb24> row = rows.GetRowSpan(y);
                for (int x = 0; x < row.Length; x++)
                {
                    (double r, double g, double b) = pixel((x + 0.5) / height, (y + 0.5) / height, aspect);
                    row[x] = new Rgb24(Byte(r), Byte(g), Byte(b));
                }
            }
        });
        return image;
    }

    private static (double, double, double) LakesidePixel(double u, double v, double aspect)
    {
        const double shore = 0.68;
        bool reflected = v > shore;
        double sv = reflected ? shore - ((v - shore) * 0.9) : v;
        (double r, double g, double b) = Landscape(u, sv, aspect);
        if (reflected)
        {
            double ripple = 0.06 * Math.Sin((v * 160) + (Math.Sin(u * 23) * 2));
            (r, g, b) = Mix((r * 0.75, g * 0.8, b * 0.9), (0.15, 0.3, 0.45), 0.35 + ripple);
        }

        double grain = 0.025 * (Hash(u * 977, v * 631) - 0.5);
        return (r + grain, g + grain, b + grain);
    }

    private static (double, double, double) Landscape(double u, double v, double aspect)
    {
        (double r, double g, double b) = Mix((0.35, 0.6, 0.92), (0.95, 0.85, 0.7), Math.Clamp(v / 0.6, 0, 1));
        double sunX = aspect * 0.72, sunY = 0.2;
        double sun = Math.Sqrt(((u - sunX) * (u - sunX)) + ((v - sunY) * (v - sunY)));
        (r, g, b) = Mix((r, g, b), (1.0, 0.95, 0.75), Math.Clamp(0.09 / (sun + 0.02) - 0.6, 0, 1));
        if (sun < 0.06)
        {
            (r, g, b) = (1.0, 0.93, 0.6);
        }

        double mountain = 0.42 - (0.1 * Math.Abs(Math.Sin(u * 3.1))) - (0.05 * Math.Sin(u * 7.3 + 1)) - (0.015 * Math.Sin(u * 31));
        if (v > mountain)
        {
            double snow = v < mountain + 0.025 && mountain < 0.33 ? 1 : 0;
            (r, g, b) = Mix((0.38, 0.42, 0.55), (0.95, 0.95, 1.0), snow);
            (r, g, b) = Mix((r, g, b), (0.25, 0.28, 0.4), Math.Clamp((v - mountain) * 4, 0, 0.6));
        }

        double hill = 0.56 - (0.06 * Math.Sin((u * 2.3) + 0.5)) - (0.02 * Math.Sin(u * 9));
        if (v > hill)
        {
            double shade = 0.5 + (0.5 * Math.Sin((u * 14) + (v * 40)));
            (r, g, b) = Mix((0.2, 0.5, 0.15), (0.12, 0.33, 0.1), (shade * 0.4) + ((v - hill) * 3));
        }

        double houseX = aspect * 0.3;
        if (Math.Abs(u - houseX) < 0.08 && v > 0.52 && v < 0.66)
        {
            bool window = (Math.Abs(u - houseX + 0.035) < 0.018 || Math.Abs(u - houseX - 0.035) < 0.018) && Math.Abs(v - 0.58) < 0.02;
            bool door = Math.Abs(u - houseX) < 0.014 && v > 0.6;
            (r, g, b) = window ? (0.95, 0.85, 0.35) : door ? (0.35, 0.2, 0.1) : (0.9, 0.88, 0.8);
        }
        else if (v <= 0.52 && v > 0.43 && Math.Abs(u - houseX) < 0.1 * (v - 0.43) / 0.09)
        {
            (r, g, b) = (0.7, 0.18, 0.12);
        }

        double treeX = aspect * 0.52;
        double canopy = Math.Sqrt(((u - treeX) * (u - treeX)) + ((v - 0.47) * (v - 0.47) * 0.6));
        if (Math.Abs(u - treeX) < 0.012 && v > 0.5 && v < 0.66)
        {
            (r, g, b) = (0.35, 0.22, 0.12);
        }
        else if (canopy < 0.075)
        {
            double leaf = Hash(Math.Floor(u * 90), Math.Floor(v * 90));
            (r, g, b) = Mix((0.1, 0.38, 0.12), (0.3, 0.55, 0.2), leaf);
        }

        return (r, g, b);
    }

    private static (double, double, double) SwirlsPixel(double u, double v, double aspect)
    {
        double angle = (Math.Sin(u * 4.1) * 1.7) + (Math.Cos(v * 5.3) * 1.3) + (Math.Sin((u + v) * 2.2) * 2.0);
        double along = (u * Math.Cos(angle)) + (v * Math.Sin(angle));
        double across = (-u * Math.Sin(angle)) + (v * Math.Cos(angle));
        double phase = (across * 90) + (Math.Sin(along * 25) * 2);
        double strokes = 0.5 + (0.5 * Math.Sin(phase));
        double pick = Hash(Math.Floor(phase / (2 * Math.PI)), Math.Floor(along * 12));
        double band = 0.5 + (0.5 * Math.Sin((u * 5) + (v * 9) + (Math.Sin(u * 11) * 1.5)));
        (double r, double g, double b) = Mix((0.05, 0.1, 0.35), (0.2, 0.42, 0.75), band);
        (double R, double G, double B) paint = pick switch
        {
            < 0.3 => (0.1, 0.2, 0.55),
            < 0.6 => (0.3, 0.55, 0.85),
            < 0.85 => (0.55, 0.78, 0.9),
            _ => (0.85, 0.8, 0.45),
        };
        (r, g, b) = Mix((r, g, b), paint, 0.2 + (strokes * 0.6));
        if (v > 0.75 - (0.05 * Math.Sin(u * 6)))
        {
            (r, g, b) = Mix((r, g, b), (0.08, 0.14, 0.1), 0.65);
        }

        foreach ((double sx, double sy, double size) in Stars)
        {
            double d = Math.Sqrt(((u - (sx * aspect)) * (u - (sx * aspect))) + ((v - sy) * (v - sy)));
            double rings = 0.5 + (0.5 * Math.Cos(d * 180));
            if (d < size)
            {
                (r, g, b) = Mix((0.98, 0.85, 0.25), (1.0, 0.97, 0.7), 1 - (d / size));
            }
            else if (d < size * 2.6)
            {
                (r, g, b) = Mix((r, g, b), (0.95, 0.8, 0.3), rings * 0.75 * (1 - ((d - size) / (size * 1.6))));
            }
        }

        return (r, g, b);
    }

    private static (double, double, double) StillLifePixel(double u, double v, double aspect)
    {
        double cx = aspect / 2;
        (double r, double g, double b) = Mix((0.62, 0.55, 0.45), (0.42, 0.36, 0.3), v / 0.62);
        double light = Math.Clamp(1 - (Math.Abs(u - (aspect * 0.3)) * 0.8), 0.6, 1);
        (r, g, b) = (r * light, g * light, b * light);
        if (v > 0.62)
        {
            double grain = 0.5 + (0.5 * Math.Sin((u * 40) + (Math.Sin(v * 30) * 2)));
            (r, g, b) = Mix((0.45, 0.25, 0.12), (0.32, 0.17, 0.08), grain * 0.7);
        }

        double vaseX = cx - 0.12, body = Math.Pow((u - vaseX) / 0.13, 2) + Math.Pow((v - 0.5) / 0.14, 2);
        if (body < 1 || (Math.Abs(u - vaseX) < 0.045 && v > 0.2 && v < 0.42))
        {
            double shade = Math.Clamp(0.55 + ((vaseX - u) * 3), 0.25, 1);
            (r, g, b) = (0.2 * shade, 0.35 * shade, 0.75 * shade);
            if (Math.Abs(Math.Sin(v * 60)) > 0.92)
            {
                (r, g, b) = (0.9, 0.85, 0.6);
            }
        }

        foreach ((double fx, double fy, double radius, (double R, double G, double B) colour) in Fruit)
        {
            double dx = u - (cx + fx), dy = v - fy, d = Math.Sqrt((dx * dx) + (dy * dy));
            if (d < radius)
            {
                double shine = Math.Clamp(1.2 - (Math.Sqrt(Math.Pow(dx + (radius * 0.4), 2) + Math.Pow(dy + (radius * 0.4), 2)) / radius), 0.35, 1.3);
                (r, g, b) = (colour.R * shine, colour.G * shine, colour.B * shine);
            }
        }

        return (r, g, b);
    }

    private static readonly (double X, double Y, double Radius, (double R, double G, double B) Colour)[] Fruit =
    [
        (0.12, 0.6, 0.075, (0.85, 0.15, 0.1)), (0.27, 0.62, 0.065, (0.95, 0.6, 0.1)), (0.2, 0.53, 0.06, (0.55, 0.75, 0.15)),
    ];

    private static (double, double, double) MosaicPixel(double u, double v, double aspect)
    {
        const double cells = 9;
        double x = u * cells, y = v * cells;
        double best = double.MaxValue, second = double.MaxValue, pick = 0;
        for (int gy = (int)Math.Floor(y) - 1; gy <= (int)Math.Floor(y) + 1; gy++)
        {
            for (int gx = (int)Math.Floor(x) - 1; gx <= (int)Math.Floor(x) + 1; gx++)
            {
                double px = gx + Hash(gx, gy), py = gy + Hash(gy + 17, gx - 5);
                double d = Math.Sqrt(((x - px) * (x - px)) + ((y - py) * (y - py)));
                if (d < best)
                {
                    (second, best, pick) = (best, d, Hash(gx * 3.1, gy * 7.7));
                }
                else if (d < second)
                {
                    second = d;
                }
            }
        }

        if (second - best < 0.08)
        {
            return (0.12, 0.08, 0.06);
        }

        (double R, double G, double B) tile = pick switch
        {
            < 0.3 => (0.8, 0.25, 0.1),
            < 0.55 => (0.95, 0.6, 0.15),
            < 0.75 => (0.6, 0.15, 0.2),
            < 0.9 => (0.95, 0.85, 0.55),
            _ => (0.15, 0.45, 0.45),
        };
        double relief = 0.85 + (0.15 * Math.Clamp(1 - best, 0, 1)) + (0.04 * (Hash(u * 301, v * 517) - 0.5));
        return (tile.R * relief, tile.G * relief, tile.B * relief);
    }

    private static readonly (double X, double Y, double Size)[] Stars =
    [
        (0.82, 0.14, 0.06), (0.2, 0.2, 0.035), (0.45, 0.1, 0.03), (0.62, 0.33, 0.04), (0.1, 0.48, 0.03), (0.35, 0.42, 0.025),
    ];

    private static (double, double, double) Mix((double R, double G, double B) a, (double R, double G, double B) b, double t)
    {
        t = Math.Clamp(t, 0, 1);
        return (a.R + ((b.R - a.R) * t), a.G + ((b.G - a.G) * t), a.B + ((b.B - a.B) * t));
    }

    private static double Hash(double x, double y)
    {
        double h = Math.Sin((x * 127.1) + (y * 311.7)) * 43758.5453;
        return h - Math.Floor(h);
    }

    private static byte Byte(double value) => (byte)Math.Clamp(Math.Round(value * 255), 0, 255);
}
