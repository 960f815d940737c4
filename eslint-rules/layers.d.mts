export declare const LIB_LAYERS: readonly string[];
export declare const layersPlugin: unknown;
