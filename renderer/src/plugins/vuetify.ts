// Vuetify with Material Design Icons shipped in the app, a theme that
// follows the system's light or dark setting, and the app's shared layout rules.
import '@fontsource/roboto/400.css';
import '@fontsource/roboto/500.css';
import '@fontsource/roboto/700.css';
import '@mdi/font/css/materialdesignicons.css';
import 'vuetify/styles';
import '../styles/layout.css';
import { createVuetify } from 'vuetify';
import { aliases, mdi } from 'vuetify/iconsets/mdi';

export const vuetify = createVuetify({
  // A dialog's confirming button is filled in its colour; Vuetify draws buttons in
  // card actions as text. Buttons that should stay quiet (Cancel) say variant="text".
  // Every switch is in the app's primary unless it says otherwise; Vuetify's own default is a grey.
  defaults: { VCardActions: { VBtn: { variant: 'flat' } }, VSwitch: { color: 'primary' } },
  icons: { defaultSet: 'mdi', aliases, sets: { mdi } },
  theme: {
    defaultTheme: 'system',
    themes: {
      // Labels and hints are drawn at "medium emphasis": raised so they meet WCAG AA contrast.
      // The error colours are Material 3's: they keep 4.5:1 where an error label is
      // hardest to read, on a hovered or focused filled field (its overlay darkens
      // the light theme's background and lightens the dark one's): 4.7:1 and 5.7:1.
      light: {
        colors: { primary: '#2f5fd0', secondary: '#5b6478', success: '#1b7f37', error: '#b3261e', warning: '#8a5a00' },
        variables: { 'medium-emphasis-opacity': 0.74 },
      },
      // A switch's thumb is drawn in surface-bright, which Vuetify's dark theme makes lavender
      // (#ccbfd6), off the app's palette; here it is the dark ink that reads on the primary track.
      dark: {
        colors: { primary: '#8ab4f8', secondary: '#a9b1c4', success: '#81c995', error: '#f2b8b5', 'surface-bright': '#202124' },
        variables: { 'medium-emphasis-opacity': 0.8 },
      },
    },
  },
});
