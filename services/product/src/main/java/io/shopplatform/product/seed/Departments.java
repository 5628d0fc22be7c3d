package io.shopplatform.product.seed;

import java.util.List;

/** The words a generated catalog is made of: departments, the kinds of goods each sells, and how goods differ. */
final class Departments {

    record Department(String name, List<String> kinds) {
    }

    static final List<Department> ALL = List.of(
            new Department("Electronics", List.of("headphones", "speaker", "camera", "charger", "smartwatch")),
            new Department("Home", List.of("table lamp", "cushion", "rug", "wall mirror", "wall clock")),
            new Department("Garden", List.of("planter", "garden hose", "watering can", "bird feeder", "trowel")),
            new Department("Fashion", List.of("jacket", "scarf", "sneakers", "backpack", "belt")),
            new Department("Sports", List.of("yoga mat", "dumbbell", "water bottle", "tennis racket", "running cap")),
            new Department("Toys", List.of("jigsaw puzzle", "kite", "building blocks", "plush bear", "marble run")),
            new Department("Books", List.of("notebook", "cookbook", "atlas", "journal", "sketchbook")),
            new Department("Kitchen", List.of("teapot", "blender", "mug", "chef's knife", "cutting board")),
            new Department("Office", List.of("desk organizer", "stapler", "fountain pen", "desk chair", "monitor stand")),
            new Department("Outdoor", List.of("tent", "sleeping bag", "lantern", "camping stove", "hammock")),
            new Department("Beauty", List.of("hand cream", "hair brush", "soap bar", "face mask", "perfume")),
            new Department("Health", List.of("first aid kit", "thermometer", "massage ball", "pill organizer", "heating pad")),
            new Department("Music", List.of("ukulele", "guitar strings", "metronome", "harmonica", "drum sticks")),
            new Department("Tools", List.of("drill", "hammer", "screwdriver set", "tape measure", "spirit level")),
            new Department("Pets", List.of("dog leash", "cat bed", "pet bowl", "chew toy", "bird cage")),
            new Department("Baby", List.of("baby blanket", "rattle", "bib", "sippy cup", "night light")),
            new Department("Auto", List.of("car charger", "seat cushion", "ice scraper", "tire gauge", "dash cam")),
            new Department("Travel", List.of("suitcase", "neck pillow", "packing cubes", "travel adapter", "passport wallet")),
            new Department("Crafts", List.of("yarn", "paint set", "glue gun", "sewing kit", "modelling clay")),
            new Department("Gaming", List.of("game controller", "gaming mouse", "gaming headset", "mouse pad", "dice set")));

    static final List<String> QUALITIES = List.of("classic", "compact", "deluxe", "organic", "premium", "rugged",
            "vintage", "everyday", "ergonomic", "sturdy", "lightweight", "handmade", "portable", "minimal", "bold");

    static final List<String> COLOURS = List.of("slate", "olive", "coral", "ivory", "charcoal", "navy", "sand",
            "forest green", "copper", "plum");

    private Departments() {
    }
}
