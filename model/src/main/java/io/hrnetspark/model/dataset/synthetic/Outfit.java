package io.hrnetspark.model.dataset.synthetic;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.TexturePaint;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * How a figure is dressed: colours and simple textures (stripes, checks, dots, gradients) of top,
 * bottom and shoes, skin and hair colour, sleeve and trouser length.
 */
record Outfit(Paint top, Color topColor, Paint bottom, Color bottomColor, Color skin, Color hair, Color shoes,
              Sleeves sleeves, boolean longTrousers, boolean bald) {

    enum Sleeves { NONE, SHORT, LONG }

    private static final int[] SKIN_TONES = {
        0xF5D6C6, 0xEBC2A5, 0xD9A882, 0xC68B63, 0xA86E4B, 0x8A5437, 0x6B3F26, 0x4A2C1C,
    };

    static Outfit sample(SplittableRandom random, double pixelsPerHeight) {
        Color topColor = anyColor(random);
        Color bottomColor = anyColor(random);
        Color skin = random.nextDouble() < 0.9 ? jitter(new Color(SKIN_TONES[random.nextInt(SKIN_TONES.length)]), random, 18)
                : anyColor(random);
        Color hair = random.nextDouble() < 0.8
                ? jitter(new Color(new int[] {0x1E1510, 0x3B2A1E, 0x6A4A2C, 0xA57A45, 0xD8C08A, 0x8C8C8C}[random.nextInt(6)]),
                        random, 14)
                : anyColor(random);
        Sleeves sleeves = Sleeves.values()[random.nextInt(3)];
        double tile = Math.max(3, pixelsPerHeight * (0.015 + 0.035 * random.nextDouble()));
        return new Outfit(paint(topColor, random, tile), topColor, paint(bottomColor, random, tile), bottomColor,
                skin, hair, jitter(Color.DARK_GRAY, random, 60), sleeves, random.nextDouble() < 0.65,
                random.nextDouble() < 0.12);
    }

    static Color anyColor(SplittableRandom random) {
        return Color.getHSBColor((float) random.nextDouble(), (float) random.nextDouble(),
                (float) (0.15 + 0.85 * random.nextDouble()));
    }

    static Color edgeOf(Color c) {
        return new Color(c.getRed() * 55 / 100, c.getGreen() * 55 / 100, c.getBlue() * 55 / 100);
    }

    /** A solid colour (half the time) or a texture of the colour and a second one. */
    static Paint paint(Color base, SplittableRandom random, double tile) {
        int kind = random.nextInt(10);
        if (kind < 5) {
            return base;
        }
        Color second = random.nextBoolean() ? anyColor(random) : base.darker();
        if (kind == 9) {
            return new GradientPaint(0, 0, base, (float) (4 * tile), (float) (3 * tile), second, true);
        }
        int size = 8;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(base);
        g.fillRect(0, 0, size, size);
        g.setColor(second);
        switch (kind) {
            case 5 -> g.fillRect(0, 0, size, size / 2);
            case 6 -> g.fillRect(0, 0, size / 2, size);
            case 7 -> {
                g.fillRect(0, 0, size / 2, size / 2);
                g.fillRect(size / 2, size / 2, size / 2, size / 2);
            }
            default -> g.fillOval(size / 4, size / 4, size / 2, size / 2);
        }
        g.dispose();
        return new TexturePaint(image, new Rectangle2D.Double(0, 0, tile, tile));
    }

    private static Color jitter(Color c, SplittableRandom random, int amount) {
        return new Color(clamp(c.getRed() + random.nextInt(-amount, amount + 1)),
                clamp(c.getGreen() + random.nextInt(-amount, amount + 1)),
                clamp(c.getBlue() + random.nextInt(-amount, amount + 1)));
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
