/** 亩 in a hectare (1 亩 = 666.7 m²): the unit planners and villages count land in. */
export const MU_PER_HA = 15;
