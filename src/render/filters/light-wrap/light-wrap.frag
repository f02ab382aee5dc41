// Light wrap, prepared at low resolution: how much of the background image's light falls on
// each point of the person, and which light. rgb = the image's light (a few-texel copy of it,
// upscaled bilinearly: very blurred), a = how near the person's edge this point is, read
// from the mask around it (1 at the edge, fading to 0 a reach inside). The composite pass
// then spends one texture read per pixel on it, instead of five.
in vec2 vUv;

out vec4 finalColor;

uniform sampler2D uMask;       // person probability (.r), over the frame
uniform sampler2D uImageLight; // the image shrunk to a few texels
uniform vec4 uImageTransform;  // image uv = vUv * xy + zw, as in the composite
uniform vec2 uReach;           // how far inside the person the wrap reaches, in uv

void main(void)
{
    float around = 0.25 * (texture(uMask, vUv + vec2(uReach.x, 0.0)).r
        + texture(uMask, vUv - vec2(uReach.x, 0.0)).r
        + texture(uMask, vUv + vec2(0.0, uReach.y)).r
        + texture(uMask, vUv - vec2(0.0, uReach.y)).r);
    vec2 uv = vUv * uImageTransform.xy + uImageTransform.zw;
    // Outside the image (the bars of background-fit="contain") there is no image light.
    vec2 inside = step(vec2(0.0), uv) * step(uv, vec2(1.0));
    vec3 light = texture(uImageLight, clamp(uv, 0.0, 1.0)).rgb;
    finalColor = vec4(light, clamp(1.0 - around, 0.0, 1.0) * inside.x * inside.y);
}
